import type { Browser } from 'playwright-core';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, screenshot, signIn, type ConsolePage } from './support/console-page';
import { ALL_COUNTIES, plannedSample, startConsoleService, type PlanJson } from './support/scenario';

jest.setTimeout(180_000);

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
});
