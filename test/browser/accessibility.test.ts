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
