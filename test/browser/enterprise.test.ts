import type { Browser } from 'playwright-core';
import { api } from '../support/http';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import {
  openConsole,
  readyTime,
  reportTimings,
  screenshot,
  signIn,
  timedLoad,
  unlabelledControls,
  type ConsolePage,
} from './support/console-page';
import { ALL_COUNTIES, plannedSample, startConsoleService, type PlanJson } from './support/scenario';

jest.setTimeout(180_000);

describeInBrowser('console: an enterprise confirms arrivals at the factory gate', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let plan: PlanJson;
  let key: string;
  let trip: PlanJson['trips'][number];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    svc = await startConsoleService();
    plan = await plannedSample(svc, await svc.key('dispatcher', ALL_COUNTIES));
    // A key for exactly the factories this plan serves.
    key = await svc.key('enterprise', [...new Set(plan.trips.map((t) => t.factoryId))]);
    trip = plan.trips
      .filter((t) => t.passengers.length >= 3)
      .sort((a, b) => a.passengers.length - b.passengers.length)[0];
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('lists the expected arrivals by day and vehicle, no-shows highlighted', async () => {
    const { page } = c;
    await signIn(page, key, '/arrivals');
    await readyTime(page, 'arrivals');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['到岗确认', '工厂']);
    const travelling = plan.trips.reduce((n, t) => n + t.passengers.length, 0);
    expect(await page.locator('table.arrivals-table tbody tr').count()).toBe(travelling);
    expect(await page.locator('section.vehicle').count()).toBe(plan.trips.length);
    // The sample's trips arrived in 2020: everyone not yet confirmed is a no-show.
    expect(await page.locator('tr.no-show').count()).toBe(travelling);
    await screenshot(page, '10-arrivals');
    expect(await unlabelledControls(page)).toEqual([]);
    // At the factory gate, on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '10b-arrivals-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('confirms one person, then the rest of the vehicle', async () => {
    const { page } = c;
    const vehicle = page.locator(`section.vehicle[data-trip-key="${trip.key}"]`);
    const first = trip.passengers[0];
    await vehicle
      .locator(`tr[data-worker-id="${first.workerId}"]`)
      .getByRole('button', { name: /确认到岗/ })
      .click();
    await page.getByText('已确认 1 人到岗。').waitFor();
    const fresh = page.locator(`section.vehicle[data-trip-key="${trip.key}"]`);
    await expect(fresh.locator(`tr[data-worker-id="${first.workerId}"]`).getAttribute('class')).resolves.toBe(
      'arrived',
    );
    const rest = trip.passengers.length - 1;
    await fresh.getByRole('button', { name: `整车确认（${rest} 人）` }).click();
    await page.getByText(`已确认 ${rest} 人到岗。`).waitFor();
    expect(await page.locator(`section.vehicle[data-trip-key="${trip.key}"] tr.arrived`).count()).toBe(
      trip.passengers.length,
    );
    await page.locator(`section.vehicle[data-trip-key="${trip.key}"]`).getByText('全部到岗').waitFor();
    const after = await api(svc.base, key, 'GET', '/api/v1/arrivals/expected?status=arrived');
    expect(after.json.arrivals.map((a: { workerId: string }) => a.workerId).sort()).toEqual(
      trip.passengers.map((p) => p.workerId).sort(),
    );
    await page.locator(`section.vehicle[data-trip-key="${trip.key}"]`).evaluate((el) => el.scrollIntoView());
    await screenshot(page, '11-arrivals-vehicle-confirmed');
  });

  it('filters by day and loads in under a second', async () => {
    const { page } = c;
    const day = await page.locator('section.day h2').first().getAttribute('id');
    const ymd = day!.replace('day-', '');
    await page.getByLabel('日期').fill(ymd);
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`**/arrivals?day=${ymd}`);
    await readyTime(page, 'arrivals');
    expect(await page.locator('section.day').count()).toBe(1);
    timings['arrivals (all days)'] = await timedLoad(page, '/arrivals', 'arrivals');
    timings['arrivals (one day)'] = await timedLoad(page, `/arrivals?day=${ymd}`, 'arrivals');
    reportTimings('enterprise pages, ready after navigation start:', timings);
    for (const [name, ms] of Object.entries(timings)) expect([name, ms < 1000]).toEqual([name, true]);
    expect(c.problems).toEqual([]);
  });
});
