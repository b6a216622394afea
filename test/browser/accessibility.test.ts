import { axeFindings, describeFindings } from './support/axe';
import { describeInBrowser } from './support/chromium';
import { readyTime } from './support/console-page';
import { pagesOf, ROLES, startEveryPageWorld, type EveryPageWorld } from './support/every-page';

jest.setTimeout(300_000);

/**
 * Every page of each role's day, checked with axe-core (WCAG 2.1 A and AA) in Chinese at desk size and in English
 * at phone size: no serious or critical finding (contrast, names of controls, landmarks, ARIA use, …).
 */
describeInBrowser('console: accessibility of every page (axe-core, WCAG 2.1 AA)', () => {
  let w: EveryPageWorld;

  beforeAll(async () => {
    w = await startEveryPageWorld();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('has no serious finding on the sign-in page', async () => {
    const { page } = await w.open(null);
    await page.goto('/sign-in');
    await readyTime(page, 'sign-in');
    expect(describeFindings('/sign-in', await axeFindings(page))).toEqual([]);
  });

  it('has no serious finding with the plan page’s dialogs open (re-plan, vehicle and drivers)', async () => {
    const c = await w.open('dispatcher');
    const plan = pagesOf(w, 'dispatcher').find((v) => v.name === 'plan')!;
    await c.page.goto(plan.url);
    await readyTime(c.page, plan.ready, 60_000);
    const found: string[] = [];
    await c.page.getByTestId('replan-open').click();
    await c.page.getByTestId('replan-dialog').waitFor();
    found.push(...describeFindings('plan + re-plan dialog', await axeFindings(c.page)));
    await c.page.keyboard.press('Escape');
    await c.page.getByTestId('replan-dialog').waitFor({ state: 'hidden' });
    const trip = c.page.locator('details.trip').first();
    await trip.locator('summary').click();
    await trip.getByRole('button', { name: /^派车派司机/ }).click();
    await c.page.getByTestId('crew-dialog').locator('fieldset.crew-leg, p').first().waitFor();
    found.push(...describeFindings('plan + crew dialog', await axeFindings(c.page)));
    expect(found).toEqual([]);
    expect(c.problems).toEqual([]);
  });

  for (const role of ROLES)
    for (const [lang, width, height] of [
      ['zh', 1366, 900],
      ['en', 390, 844],
    ] as const)
      it(`has no serious finding on the ${role}'s pages (${lang}, ${width}×${height})`, async () => {
        const c = await w.open(role, lang, { width, height });
        const found: string[] = [];
        for (const v of pagesOf(w, role)) {
          await c.page.goto(v.url);
          await readyTime(c.page, v.ready, 60_000);
          found.push(...describeFindings(v.name, await axeFindings(c.page)));
        }
        expect(found).toEqual([]);
        expect(c.problems).toEqual([]);
      });
});
