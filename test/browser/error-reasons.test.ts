import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, screenshot, signIn, type ConsolePage } from './support/console-page';
import { ALL_COUNTIES, plannedSample, startConsoleService, type PlanJson } from './support/scenario';

jest.setTimeout(180_000);

const COUNTIES = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/places.json'), 'utf8')) as {
    counties: { code: string; name: string; nameEn: string }[];
  }
).counties;

describeInBrowser('console: a refusal is worded from its reason and row codes', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let plan: PlanJson;
  let key: string;

  beforeAll(async () => {
    svc = await startConsoleService();
    plan = await plannedSample(svc, await svc.key('dispatcher', ALL_COUNTIES));
    key = await svc.key('enterprise', [...new Set(plan.trips.map((t) => t.factoryId))]);
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when an arrival is dated before its trip left, then the box and its row speak Chinese with Beijing times', async () => {
    const { page } = c;
    const trip = plan.trips[0];
    await signIn(page, key, '/arrivals');
    await page.goto(`/arrivals?tab=no-show&vehicle=${trip.id}`);
    await readyTime(page, 'arrivals');
    await page.getByLabel('到岗时间（北京时间）').fill('2019-01-01T08:00');
    const person = page.locator(`tr[data-worker-id="${trip.passengers[0].workerId}"]`);
    await person.getByRole('button', { name: /确认到岗/ }).click();
    const box = page.locator('.error-box').first();
    await box.waitFor();
    const text = (await box.textContent()) ?? '';
    expect(text).toContain('1 条到达无效，未记录任何内容。');
    expect(text).toMatch(/到达时间 2019-01-01 08:00.* 早于车次发车时间 20\d\d-/);
    expect(text).not.toMatch(/arrival\(s\)|nothing was recorded|is before the trip/);
    expect(await box.locator('.error-code').getAttribute('data-reason')).toBe('arrivals_invalid');
    await screenshot(page, 'error-reasons-arrival');
  });

  it('when a list is refused for a county with nothing payable, then the box names the county, not its code', async () => {
    const code = plan.trips[0].countyCode;
    const county = COUNTIES.find((x) => x.code === code)!;
    const finance = await openConsole(browser, svc.base);
    try {
      const { page } = finance;
      await signIn(page, await svc.key('finance', [code]), '/subsidies');
      await readyTime(page, 'subsidies');
      // Nobody has arrived yet, so nothing is payable: the server refuses with the county's code in its params.
      const form = page.locator('[data-testid=make-list]');
      await form.getByLabel('县区').selectOption(code);
      await form.getByRole('button', { name: '生成名单' }).click();
      const box = form.locator('.error-box');
      await box.waitFor();
      expect(await box.locator('.error-code').getAttribute('data-reason')).toBe('no_payable_subsidies');
      const headline = (await box.locator('p').first().textContent()) ?? '';
      expect(headline).toContain(county.name);
      expect(headline).not.toMatch(/\d{6}/);
    } finally {
      await finance.close();
    }
  });
});
