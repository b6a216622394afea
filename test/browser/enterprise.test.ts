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
  const travelling = () => plan.trips.reduce((n, t) => n + t.passengers.length, 0);

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

  it('lists the expected arrivals a page at a time, the long-past sample trips under no-shows', async () => {
    const { page } = c;
    await signIn(page, key, '/arrivals');
    await readyTime(page, 'arrivals');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      '到岗确认',
      '工厂',
      '待到 0',
      '已到岗 0',
      `未到岗 ${travelling()}`,
    ]);
    await page.getByText('此标签下没有符合条件的人员。').waitFor();
    await page.getByRole('link', { name: `未到岗 ${travelling()}` }).click();
    await readyTime(page, 'arrivals');
    // The sample's trips arrived in 2020: everyone not yet confirmed is a no-show, 50 to a page.
    expect(await page.locator('table.arrival-list tbody tr.no-show').count()).toBe(50);
    await page.getByText(`第 1 / ${Math.ceil(travelling() / 50)} 页`).waitFor();
    await screenshot(page, '10-arrivals');
    expect(await unlabelledControls(page)).toEqual([]);
    // At the factory gate, on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '10b-arrivals-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('confirms one person, then the rest of the vehicle', async () => {
    const { page } = c;
    await page.goto(`/arrivals?tab=no-show&vehicle=${trip.id}`);
    await readyTime(page, 'arrivals');
    const first = trip.passengers[0];
    const person = page.locator(`tr[data-worker-id="${first.workerId}"]`);
    await person.getByRole('button', { name: /确认到岗/ }).click();
    await person.getByText(`${first.name} 已确认到岗。`).waitFor();
    await expect(person.getAttribute('class')).resolves.toMatch(/\barrived\b/);
    const bar = page.locator(`section.vehicle-bar[data-trip-id="${trip.id}"]`);
    const rest = trip.passengers.length - 1;
    await bar.getByRole('button', { name: `确认本车次全部待到人员（${rest} 人）` }).click();
    await bar.getByText(`已确认 ${rest} 人到岗。`).waitFor();
    expect(await page.locator('table.arrival-list tbody tr.arrived').count()).toBe(trip.passengers.length);
    await bar.getByText('全部到岗').waitFor();
    const after = await api(svc.base, key, 'GET', '/api/v1/arrivals/expected?tab=arrived');
    expect(after.json.items.map((a: { workerId: string }) => a.workerId).sort()).toEqual(
      trip.passengers.map((p) => p.workerId).sort(),
    );
    await screenshot(page, '11-arrivals-vehicle-confirmed');
  });

  it('filters by day and loads in under a second', async () => {
    const { page } = c;
    const firstDue = (await api(svc.base, key, 'GET', '/api/v1/arrivals/expected?limit=1')).json.items[0];
    const ymd = new Date(Date.parse(firstDue.expectedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.goto('/arrivals?tab=no-show');
    await readyTime(page, 'arrivals');
    await page.getByLabel('日期').fill(ymd);
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`**/arrivals?*day=${ymd}*`);
    await readyTime(page, 'arrivals');
    const cells = await page.locator('table.arrival-list tbody tr td:nth-child(5)').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    // Shown with its year, in Beijing time: "2020-03-04 08:10".
    expect(cells.every((x) => x.startsWith(`${ymd} `))).toBe(true);
    timings['arrivals (first page)'] = await timedLoad(page, '/arrivals?tab=no-show', 'arrivals');
    timings['arrivals (one day)'] = await timedLoad(page, `/arrivals?tab=no-show&day=${ymd}`, 'arrivals');
    reportTimings('enterprise pages, ready after navigation start:', timings);
    for (const [name, ms] of Object.entries(timings)) expect([name, ms < 1000]).toEqual([name, true]);
    expect(c.problems).toEqual([]);
  });
});
