import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
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
import { ALL_COUNTIES, plannedSample, startConsoleService, type PlanJson } from './support/scenario';

jest.setTimeout(180_000);

/** A downloaded CSV's bytes and rows (the BOM checked, then dropped). */
async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const buf = readFileSync((await download.path())!);
  return {
    name: download.suggestedFilename(),
    bom: [...buf.subarray(0, 3)],
    rows: parse(buf.subarray(3).toString('utf8')) as string[][],
  };
}

describeInBrowser('console: pick-up notices of a trip', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let plan: PlanJson;
  // The trip with most legs: its notices name the changes of vehicle.
  let trip: PlanJson['trips'][number];

  beforeAll(async () => {
    svc = await startConsoleService();
    const key = await svc.key('dispatcher', ALL_COUNTIES);
    plan = await plannedSample(svc, key);
    trip = [...plan.trips].sort((a, b) => b.legs.length - a.legs.length)[0];
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
    await signIn(c.page, key, '/batches');
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when the dispatcher opens a trip on the plan page, then it offers the notices page and their CSV', async () => {
    const { page } = c;
    await page.goto(`/batches/${plan.batchId}`);
    await readyTime(page, 'plan');
    const item = page.locator(`details.trip[data-trip-id="${trip.id}"]`);
    await item.locator('summary').click();
    const name = trip.label ?? trip.key;
    const link = item.getByRole('link', { name: `接送通知（${name}）` });
    await link.waitFor();
    const csv = await downloaded(page, () => item.getByRole('button', { name: `下载通知 CSV（${name}）` }).click());
    expect(csv.name).toBe(`notices-${name}.csv`);
    expect(csv.bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.rows[0]).toEqual(['phone', 'name', 'text']);
    expect(csv.rows.slice(1).map((r) => r[1])).toEqual(trip.passengers.map((p) => p.name));
    await item.getByTestId('pickup-notices-link').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'pickup-01-plan-trip-actions');

    const batch = await downloaded(page, () => page.getByRole('button', { name: '下载全批次接送通知 CSV' }).click());
    const travelling = plan.trips.reduce((n, t) => n + t.passengers.length, 0);
    expect([batch.bom, batch.rows[0], batch.rows.length - 1]).toEqual([
      [0xef, 0xbb, 0xbf],
      ['phone', 'name', 'text'],
      travelling,
    ]);
    await page.getByTestId('pickup-batch').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'pickup-00-plan-batch-panel');
    await link.click();
    await readyTime(page, 'pickup-notices');
  });

  it('when the notices page shows, then each passenger has one notice with the full phone, and nothing is unlabelled', async () => {
    const { page } = c;
    expect(await page.locator('h1').textContent()).toBe(`${trip.label ?? trip.key} 接送通知`);
    const items = page.locator('[data-testid=pickup-notice-list] > li');
    expect(await items.count()).toBe(trip.passengers.length);
    for (const [i, p] of trip.passengers.entries()) {
      const li = items.nth(i);
      expect(await li.getAttribute('aria-label')).toBe(`${p.name} 的接送通知`);
      expect(await li.locator('.pickup-to .mono').textContent()).toMatch(/^1\d{10}$/);
      const text = (await li.locator('.pickup-text').textContent())!;
      expect(text).toMatch(new RegExp(`^【.+】${p.name}您好：.+将于 2020年\\d+月\\d+日 \\d{2}:\\d{2} 在 .+ 发车`));
      expect(text).toContain('换乘');
      expect([...text].length).toBeLessThanOrEqual(300);
    }
    expect(await page.getByTestId('pickup-summary').textContent()).toMatch(
      new RegExp(`^${trip.passengers.length} 条通知 · 最长 \\d+ 字，上限 300 字$`),
    );
    expect(await unlabelledControls(page)).toEqual([]);
    expect(c.problems).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'pickup-02-notices-1440', 'full');
    await page.setViewportSize({ width: 390, height: 844 });
    // No sideways scrolling at phone width.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await screenshot(page, 'pickup-03-notices-390');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('when the page is printed, then only the heading and the notices are on paper, each with its name and number', async () => {
    const { page } = c;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    // Every printed block says whom it is for and where it goes: nothing on paper without its recipient.
    const blocks = await page
      .locator('.pickup-notice')
      .evaluateAll((els) =>
        els.map((el) => [el.querySelector('strong')?.textContent ?? '', el.querySelector('.mono')?.textContent ?? '']),
      );
    expect(blocks.every(([name, phone]) => name.length > 0 && /^1\d{10}$/.test(phone))).toBe(true);
    await screenshot(page, 'pickup-04-notices-print', 'full');
    await page.emulateMedia({ media: 'screen' });
  });

  it('when English is chosen as the notice language, then the texts are in English with Beijing time', async () => {
    const { page } = c;
    await page.getByLabel('通知语言').selectOption('en');
    await page.waitForFunction(() =>
      (globalThis as any).document.querySelector('.pickup-text')?.textContent?.includes('(Beijing time)'),
    );
    expect(await page.locator('.pickup-text').first().getAttribute('lang')).toBe('en');
    const csv = await downloaded(page, () => page.getByRole('button', { name: '下载通知 CSV' }).click());
    expect(csv.rows[1][2]).toContain('(Beijing time)');
    await page.getByRole('button', { name: '切换语言' }).click();
    await readyTime(page, 'pickup-notices');
    expect(await page.locator('h1').textContent()).toBe(`Pick-up notices of ${trip.label ?? trip.key}`);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'pickup-05-notices-en');
    await page.getByRole('button', { name: 'Switch language' }).click();
    await readyTime(page, 'pickup-notices');
  });
});
