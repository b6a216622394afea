/**
 * The plan page's "add workers" and "re-plan" (views/plan/plan-actions.ts) against the real service: a CSV of two
 * workers is previewed, added and each newcomer's trip shown; a bad row is refused with its row number; a re-plan
 * keeps the locked trip as it was and says what changed; in Chinese and English, at desk and phone size.
 */
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/http';
import { csvOfRows, workerRow } from '../support/sample';
import { startTestService, type TestService } from '../support/test-service';
import { ensureConsoleBuilt } from './support/build-console';
import { describeInBrowser, launchChromium } from './support/chromium';
import {
  openConsole,
  readyTime,
  screenshot,
  signIn,
  unlabelledControls,
  type ConsolePage,
} from './support/console-page';
import { ALL_COUNTIES, fenOf, plannedSample, type PlanJson } from './support/scenario';

jest.setTimeout(240_000);

/** Before the sample's first trip (2020-03-02), so every trip is open to a re-plan unless locked. */
const NOW = '2020-03-01T09:00:00+08:00';
const newcomer = (i: number) => workerRow(i, { name: `新增${i}`, earliestDeparture: '2020-03-03T06:00:00+08:00' });
const csvOf = csvOfRows;
/** A wrong last character (GB 11643 check digit) of a valid ID number. */
const badCheckDigit = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');

const cellsOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

/** Whether anything inside the element reaches past the viewport's right edge. */
const overflowing = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((root) => {
    const w = (globalThis as any).innerWidth as number;
    return [root, ...root.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > w + 0.5)
      .map((el) => el.outerHTML.slice(0, 80));
  });

describeInBrowser('console: adding workers and re-planning from the plan page', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  let plan: PlanJson;
  const planNow = async (): Promise<PlanJson> =>
    (await api(svc.base, key, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json as PlanJson;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    svc = await startTestService({ now: NOW, env: { SUBSIDY_NOTICE_DAYS: '0' } });
    key = await svc.key('dispatcher', ALL_COUNTIES);
    plan = await plannedSample(svc, key);
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
    await signIn(c.page, key, '/batches');
    await c.page.goto(`/batches/${plan.batchId}`);
    await readyTime(c.page, 'plan');
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when a CSV has a bad row, then the preview names its row and field and nothing can be submitted', async () => {
    const { page } = c;
    const rows = [newcomer(9001), { ...newcomer(9002), idNumber: badCheckDigit(newcomer(9002).idNumber!) }];
    await page
      .locator('#add-workers-file')
      .setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: csvOf(rows) });
    const errors = page.locator('[data-testid=add-workers-preview] table.errors tbody tr');
    await errors.first().waitFor();
    expect(
      (await cellsOf(page, '[data-testid=add-workers-preview] table.errors tbody tr')).map((r) => r.slice(0, 2)),
    ).toEqual([['3', '身份证号']]); // the file's line 3: the header is line 1
    expect(await page.getByTestId('add-workers-preview').textContent()).toContain('校验未通过：1 处问题');
    expect(await page.getByRole('button', { name: '添加到方案' }).isDisabled()).toBe(true);
    await page.getByTestId('plan-actions').scrollIntoViewIfNeeded();
    await screenshot(page, 'plan-actions-01-bad-row', page.getByTestId('plan-actions'));
    expect((await planNow()).totals.workers).toBe(plan.totals.workers);
  });

  it('when two valid workers and one with a yellow code are added, then each shows its trip or why it is held', async () => {
    const { page } = c;
    // A third, with a yellow code, is held: its reason is shown instead of a trip.
    const file = csvOf([newcomer(9001), newcomer(9002), { ...newcomer(9004), healthCode: 'yellow' }]);
    await page.locator('#add-workers-file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: file });
    await page.getByText('校验通过：3 人，可以提交。').waitFor();
    await page.getByRole('button', { name: '添加到方案' }).click();
    await page.locator('[data-testid=add-workers-result] tbody tr').nth(2).waitFor();
    const after = await planNow();
    expect(after.totals.workers).toBe(plan.totals.workers + 3);
    expect(after.held.find((w) => w.name === '新增9004')).toBeDefined();
    const tripOf = (name: string) => after.trips.find((t) => t.passengers.some((p) => p.name === name));
    const expected = ['新增9001', '新增9002'].map((name, i) => {
      const trip = tripOf(name);
      expect(trip).toBeDefined();
      return [String(i + 1), name, `车次 ${trip!.label ?? trip!.key}`];
    });
    expect(await cellsOf(page, '[data-testid=add-workers-result] tbody tr')).toEqual([
      ...expected,
      ['3', '新增9004', '暂缓：黄码'],
    ]);
    expect(await page.getByTestId('add-workers').locator('.status-line').textContent()).toBe(
      '已添加 3 人：2 人已安排车次，1 人暂缓。',
    );
    // The page's plan was redrawn: the summary counts the newcomers.
    expect(await page.getByTestId('plan-summary').locator('.card').first().locator('.value').textContent()).toBe(
      String(plan.totals.workers + 3),
    );
    await screenshot(page, 'plan-actions-02-added', page.getByTestId('plan-actions'));

    // The same people again: the server refuses them by row, in the batch upload's table, with its code.
    await page.locator('#add-workers-file').setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: file });
    await page.getByText('校验通过：3 人，可以提交。').waitFor();
    await page.getByRole('button', { name: '添加到方案' }).click();
    const refusal = page.getByTestId('add-workers').locator('.plan-action-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('validation_failed');
    expect((await cellsOf(page, '.plan-action-refusal table.errors tbody tr')).map((r) => r.slice(0, 2))).toEqual([
      ['2', '身份证号'],
      ['3', '身份证号'],
      ['4', '身份证号'],
    ]);
    expect(await refusal.textContent()).toContain('此人已在本批次中');
    expect(await refusal.textContent()).toContain('代码 validation_failed · HTTP 422');
    expect((await planNow()).totals.workers).toBe(plan.totals.workers + 3);
  });

  it('when a trip is locked and the batch re-planned, then the dialog counts it kept and the plan API shows it unchanged', async () => {
    const { page } = c;
    const before = await planNow();
    const locked = before.trips.find((t) => t.mode === 'bus' && t.passengers.length > 1)!;
    const lock = await api(svc.base, key, 'PATCH', `/api/v1/batches/${plan.batchId}/plan`, {
      op: 'lock',
      tripId: locked.id,
      locked: true,
    });
    expect(lock.status).toBe(200);
    await page.reload();
    await readyTime(page, 'plan');
    await page.getByRole('button', { name: '重新规划…' }).click();
    const dialog = page.getByRole('dialog', { name: '重新规划方案？' });
    await dialog.waitFor();
    expect(await dialog.locator('p').allTextContents()).toEqual([
      '1 个车次已锁定、登车中或已发车，将保持不变。',
      `其余 ${before.trips.length - 1} 个车次及其乘客将重新规划。`,
    ]);
    await screenshot(page, 'plan-actions-03-replan-dialog');
    await dialog.getByRole('button', { name: '确认重新规划' }).click();
    await page.getByTestId('replan-cost').waitFor({ timeout: 60_000 });
    expect(await dialog.isVisible()).toBe(false);

    const after = await planNow();
    // The locked trip: same vehicle, stops, times, passengers and cost; only its lock (and status) differ.
    const unlocked = ({ locked: _l, status: _s, ...rest }: PlanJson['trips'][number] & { status?: string }) => rest;
    const kept = after.trips.find((t) => t.id === locked.id);
    expect(kept?.locked).toBe(true);
    expect(unlocked(kept!)).toEqual(unlocked(locked));
    expect(await page.getByTestId('replan-trips').textContent()).toBe(
      `车次：${before.trips.length} → ${after.trips.length}`,
    );
    const cost = (await page.getByTestId('replan-cost').textContent())!;
    const m = /^总费用：¥([\d,.]+) → ¥([\d,.]+)（([+−]?)¥([\d,.]+)）$/.exec(cost);
    expect(m).not.toBeNull();
    expect([fenOf(m![1]), fenOf(m![2])]).toEqual([before.totals.costFen, after.totals.costFen]);
    const delta = after.totals.costFen - before.totals.costFen;
    expect((m![3] === '−' ? -1 : 1) * fenOf(m![4])).toBe(delta);
    expect(await page.locator('.status-line.ok').first().textContent()).toBe(
      `已重新规划 ${before.trips.length - 1} 个车次，保留 1 个。`,
    );
    await screenshot(page, 'plan-actions-04-replanned', page.getByTestId('plan-actions'));
  });

  it('when the dispatcher reads in English, then the panel, the dialog and a refusal speak English', async () => {
    const { page } = c;
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'Change the plan' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Add workers' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Re-plan…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-plan the batch?' });
    await dialog.waitFor();
    expect(await dialog.locator('p').first().textContent()).toBe(
      'Trips kept as they are (locked, boarding or departed): 1.',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    // Focus returns to the button that opened the dialog.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.dataset.testid)).toBe('replan-open');
    const rows = [{ ...newcomer(9003), idNumber: badCheckDigit(newcomer(9003).idNumber!) }];
    await page
      .locator('#add-workers-file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csvOf(rows) });
    await page.locator('[data-testid=add-workers-preview] table.errors').waitFor();
    expect(await page.getByTestId('add-workers-preview').textContent()).toContain('1 problem');
    await screenshot(page, 'plan-actions-05-en', page.getByTestId('plan-actions'));
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByRole('heading', { name: '调整方案' }).waitFor();
  });

  it('at 390 px nothing of the panel reaches sideways, and no control is unlabelled', async () => {
    const { page } = c;
    expect(await unlabelledControls(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('plan-actions').scrollIntoViewIfNeeded();
    expect(await overflowing(page, 'plan-actions')).toEqual([]);
    await screenshot(page, 'plan-actions-06-390');
    await page.getByRole('button', { name: '重新规划…' }).click();
    const dialog = page.getByRole('dialog', { name: '重新规划方案？' });
    await dialog.waitFor();
    expect(await overflowing(page, 'replan-dialog')).toEqual([]);
    await screenshot(page, 'plan-actions-07-dialog-390');
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    // The whole plan page, not only the panel: nothing scrolls sideways.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await screenshot(page, 'plan-actions-08-top-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(c.problems).toEqual([]);
  });
});
