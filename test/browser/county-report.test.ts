import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import {
  openConsole,
  readyTime,
  screenshot,
  signIn,
  unlabelledControls,
  type ConsolePage,
} from './support/console-page';
import {
  ALL_COUNTIES,
  ALL_FACTORIES,
  confirmAllArrivals,
  fenOf,
  plannedSample,
  startConsoleService,
  type PlanJson,
} from './support/scenario';

jest.setTimeout(180_000);

const TIANZHEN = '140222';
const MARCH = '/reports?from=2020-03-01&to=2020-03-31';

/** How far the page is wider than the window (0: no sideways scroll). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
const cellText = (page: Page, table: string, row: string, col: number) =>
  page.locator(`[data-testid=${table}] ${row}`).locator('td').nth(col).textContent();

describeInBrowser('console: the county summary for reporting upward', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let dispatcher: string;
  let plan: PlanJson;

  beforeAll(async () => {
    svc = await startConsoleService();
    dispatcher = await svc.key('dispatcher', ALL_COUNTIES);
    plan = await plannedSample(svc, dispatcher);
    await confirmAllArrivals(svc, await svc.key('enterprise', ALL_FACTORIES), plan);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when a dispatcher opens March, then every county has a row, and there are totals and two charts', async () => {
    c = await openConsole(browser, svc.base);
    const { page } = c;
    await signIn(page, dispatcher, '/batches');
    await page.getByRole('link', { name: '汇总上报' }).click();
    await readyTime(page, 'reports');
    await page.goto(MARCH);
    await readyTime(page, 'reports');
    await page.getByRole('heading', { name: '县级汇总' }).waitFor();
    const counties = new Set(plan.trips.map((t) => t.countyCode));
    expect(await page.locator('[data-testid=report-people] tbody tr').count()).toBe(ALL_COUNTIES.length);
    expect(counties.size).toBeGreaterThan(1);
    const moved = plan.trips.reduce((n, t) => n + t.passengers.length, 0);
    // Totals row: submitted, moved, arrived (everyone), held.
    expect(await cellText(page, 'report-people', 'tfoot tr', 0)).toBe(String(plan.totals.workers));
    expect(await cellText(page, 'report-people', 'tfoot tr', 1)).toBe(String(moved));
    expect(await cellText(page, 'report-people', 'tfoot tr', 2)).toBe(String(moved));
    expect(await cellText(page, 'report-people', 'tfoot tr', 3)).toBe(String(plan.held.length));
    expect(fenOf((await cellText(page, 'report-money', 'tfoot tr', 0))!)).toBe(plan.totals.costFen);
    const tianzhen = page.locator(`[data-testid=report-people] tr[data-county="${TIANZHEN}"] th`);
    expect(await tianzhen.textContent()).toBe('天镇县');
    // Two SVG charts, each described for screen readers; the vehicles chart has a bar per kind used.
    const charts = page.locator('svg.bar-chart');
    expect(await charts.count()).toBe(2);
    expect(await charts.first().locator('title').first().textContent()).toBe('车辆（按类型）');
    expect(await charts.first().locator('desc').textContent()).toMatch(/包车客车: \d+ 辆/);
    expect(await charts.nth(1).locator('rect.bar').count()).toBeGreaterThan(0);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(c.problems).toEqual([]);
    await screenshot(page, 'county-report-1366', 'full');
  });

  it('when the CSV is downloaded, then it is the summary with a row per county and the total', async () => {
    const { page } = c;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('county-summary-all-2020-03-01-2020-03-31.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF县代码 County code,')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(1 + ALL_COUNTIES.length + 1);
    await page.getByText('已下载 county-summary-all-2020-03-01-2020-03-31.csv').waitFor();
  });

  it('when the dates run backwards, then the page says so instead of a report', async () => {
    const { page } = c;
    await page.getByLabel('出发日期从').fill('2020-03-10');
    await page.getByLabel('到', { exact: true }).fill('2020-03-01');
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL('**/reports?from=2020-03-10&to=2020-03-01');
    await readyTime(page, 'reports');
    expect(await page.locator('[data-testid=report]').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
  });

  it('when finance of one county opens it in English at 390 px, then one county shows, nothing sideways', async () => {
    const f = await openConsole(browser, svc.base);
    try {
      const { page } = f;
      await signIn(page, await svc.key('finance', [TIANZHEN]), '/subsidies');
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(MARCH);
      await readyTime(page, 'reports');
      await page.getByRole('heading', { name: 'County summary' }).waitFor();
      const rows = page.locator('[data-testid=report-people] tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('th').textContent()).toBe('Tianzhen County');
      expect(await page.locator('svg.bar-chart title').first().textContent()).toBe('Vehicles by kind');
      expect(await page.getByRole('button', { name: 'Download Excel' }).count()).toBe(1);
      expect(await sideways(page)).toBe(0);
      expect(await unlabelledControls(page)).toEqual([]);
      expect(f.problems).toEqual([]);
      await screenshot(page, 'county-report-390-en', 'full');
    } finally {
      await f.close();
    }
  });
});
