import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { api } from '../support/http';
import { SAMPLE_CSV } from '../support/sample';
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
import { ALL_COUNTIES, BEFORE_SAMPLE_DEPARTS, startConsoleService, type PlanJson } from './support/scenario';

jest.setTimeout(180_000);

/**
 * The sample with three broken rows, numbered as a spreadsheet shows them (header = row 1): a bad ID check
 * digit (row 3), a bad phone (row 6) and an unknown factory (row 8).
 */
function brokenSample(): Buffer {
  const lines = readFileSync(SAMPLE_CSV, 'utf8').split('\n');
  const cells = (i: number) => lines[i].split(',');
  const row2 = cells(2);
  row2[1] = row2[1].slice(0, 17) + (row2[1][17] === '1' ? '2' : '1');
  lines[2] = row2.join(',');
  const row5 = cells(5);
  row5[2] = '12345';
  lines[5] = row5.join(',');
  const row8 = cells(7);
  row8[7] = 'no-such-factory';
  lines[7] = row8.join(',');
  return Buffer.from(lines.join('\n'));
}

describeInBrowser('console: a dispatcher plans the sample batch', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  let batchId: string;
  let plan: PlanJson;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // Before the sample's trips leave, so that they take locks and moves; a test moves the clock past them.
    svc = await startConsoleService(BEFORE_SAMPLE_DEPARTS);
    key = await svc.key('dispatcher', ALL_COUNTIES);
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('signs in with an API key and shows the dispatcher navigation only', async () => {
    const { page } = c;
    await page.goto('/');
    await page.waitForURL('**/sign-in**');
    console.log(`sign-in page, first navigation of a cold browser: ${await readyTime(page, 'sign-in')} ms`);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('API 密钥').fill('p2p_wrong_key');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '密钥无效' }).waitFor();
    await signIn(page, key, '/batches');
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).toEqual(['批次', '工厂', '车辆与司机', '汇总上报']);
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('p2p.key'))).toBe(key);
  });

  it('previews a CSV with bad rows: every bad row and field in a table, nothing submitted', async () => {
    const { page } = c;
    const bad = brokenSample();
    const expected = await api(svc.base, key, 'POST', '/api/v1/batches?dryRun=1', bad, { 'content-type': 'text/csv' });
    expect(expected.status).toBe(422);
    await page.locator('#csv-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: bad });
    const rows = page.locator('[data-testid=preview] table.errors tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(expected.json.error.details.length);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    );
    // Rows are the file's lines, columns and problems in Chinese: no server English, no field names.
    expect(cells).toEqual(
      expect.arrayContaining([
        ['3', '身份证号'],
        ['6', '手机号'],
        ['8', '企业编号'],
      ]),
    );
    const text = (await page.getByTestId('preview').textContent()) ?? '';
    expect(text).toContain('身份证号校验码不符');
    expect(text).toContain('企业编号 no-such-factory 未登记');
    expect(text).not.toMatch(/check digit|mainland mobile|unknown/);
    expect(await page.getByRole('button', { name: '提交批次' }).isDisabled()).toBe(true);
    await screenshot(page, '02-batch-preview-errors');
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('takes the sample by drag and drop, previews it, submits it and follows the progress to 100 %', async () => {
    const { page } = c;
    const b64 = readFileSync(SAMPLE_CSV).toString('base64');
    const dataTransfer = await page.evaluateHandle((data) => {
      const w = globalThis as any; // the page's window
      const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([bytes], 'sample-batch.csv', { type: 'text/csv' }));
      return dt;
    }, b64);
    await page.dispatchEvent('[data-testid=dropzone]', 'dragenter', { dataTransfer });
    await page.dispatchEvent('[data-testid=dropzone]', 'dragover', { dataTransfer });
    await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    await page.getByText('校验通过：368 人').waitFor();
    expect(await page.getByLabel('批次名称').inputValue()).toBe('sample-batch');
    await screenshot(page, '03-batch-preview-ok');

    // Every value the progress bar shows, reported from the page as it changes.
    const seen: number[] = [];
    await page.exposeFunction('__progress', (v: number) => seen.push(v));
    await page.evaluate(() => {
      const w = globalThis as any; // the page's window
      let last = -1;
      new w.MutationObserver(() => {
        const bar = w.document.querySelector('progress');
        if (bar && Number(bar.value) !== last) w.__progress((last = Number(bar.value)));
      }).observe(w.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    await page.getByRole('button', { name: '提交批次' }).click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/, { timeout: 10_000 }).catch(async (e) => {
      await screenshot(page, 'zz-failure');
      console.log(page.url(), c.problems);
      throw e;
    });
    batchId = page.url().split('/').pop()!;
    await page.locator('[data-testid=progress][data-status=planned]').waitFor({ timeout: 60_000 });
    expect(await page.locator('progress').evaluate((p) => (p as any).value)).toBe(100);
    expect(await page.locator('.progress-value').textContent()).toBe('100 %');
    expect(seen[seen.length - 1]).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    console.log(`progress values shown: ${seen.join(', ')}`);
    await readyTime(page, 'plan', 30_000);
    plan = (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
    expect(plan.totals.workers).toBe(368);
  });

  it('shows the plan: summary cards, a map with every leg, the trips and the held workers', async () => {
    const { page } = c;
    const summary = page.locator('[data-testid=plan-summary]');
    await expect(summary.textContent()).resolves.toContain('368');
    const yuan = (fen: number) =>
      `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    await expect(summary.textContent()).resolves.toContain(yuan(plan.totals.costFen));
    await expect(summary.textContent()).resolves.toContain(yuan(plan.totals.subsidyFen));
    const legs = plan.trips.reduce((n, t) => n + t.legs.length, 0);
    expect(await page.locator('[data-testid=plan-map] path.leg').count()).toBe(legs);
    expect(await page.locator('[data-testid=plan-map] path.province').count()).toBe(34);
    expect(await page.locator('[data-testid=plan-map] .factory').count()).toBeGreaterThan(0);
    expect(await page.locator('details.trip').count()).toBe(plan.trips.length);
    expect(await page.locator('[data-testid=held-list] tbody tr:not(.form-row)').count()).toBe(plan.held.length);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '04-plan');
    await screenshot(page, '04b-plan-map', page.locator('.map-figure'));
    await screenshot(page, '04c-plan-trips', page.locator('[data-testid=trip-list]'));
    await page.locator('[data-testid=held-list]').evaluate((el) => el.scrollIntoView());
    await screenshot(page, '04d-plan-held');
    const first = page.locator('details.trip').first();
    await first.locator('summary').click();
    await first.locator('table.passengers tbody tr').first().waitFor();
    expect(await first.locator('table.passengers tbody tr').count()).toBe(plan.trips[0].passengers.length);
    await page.getByRole('button', { name: '方案范围' }).click();
    await screenshot(page, '05a-plan-map-fit', page.locator('.map-figure'));
    await first.evaluate((el) => el.scrollIntoView());
    await screenshot(page, '05-plan-trip-open');
  });

  it('locks a trip: its badge says so, and its passengers are offered no trip to move to', async () => {
    const { page } = c;
    const trip = page.locator('details.trip').first();
    await expect(trip.locator('summary .trip-status').getAttribute('data-status')).resolves.toBe('planned');
    expect(await trip.locator('summary .trip-status').textContent()).toBe('待发车');
    if ((await trip.getAttribute('open')) === null) await trip.locator('summary').click();
    await trip.getByRole('button', { name: '锁定' }).click();
    await page.getByText(`${plan.trips[0].label} 已锁定`).waitFor();
    const locked = page.locator('details.trip').first();
    await expect(locked.locator('summary .trip-status').getAttribute('data-status')).resolves.toBe('locked');
    await expect(locked.locator('summary').textContent()).resolves.toContain('已锁定');
    const row = locked.locator('table.passengers tbody tr').first();
    await row.getByRole('button', { name: /^查找 .* 可调入的车次$/ }).click();
    await row.locator('.move-none').waitFor();
    expect(await row.locator('.move-none').textContent()).toContain('没有可调入的车次');
    expect(await row.locator('select').count()).toBe(0);
    await screenshot(page, '06-plan-move-none');
    await locked.getByRole('button', { name: '解锁' }).click();
    await page.getByText(`${plan.trips[0].label} 已解锁`).waitFor();
  });

  it('moves a passenger: the select offers only the valid targets, each with its cost in yuan', async () => {
    const { page } = c;
    // A bus passenger with at least one valid target, found through the API the console uses.
    const targetsOf = async (workerId: string) =>
      (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan/move-targets?workerId=${workerId}`)).json;
    let found: {
      tripId: string;
      workerId: string;
      targets: { tripId: string; toCostFen: { after: number } }[];
    } | null = null;
    for (const t of plan.trips.filter((x) => x.mode === 'bus')) {
      for (const p of t.passengers.slice(0, 2)) {
        const r = await targetsOf(p.workerId);
        if (r.targets.length) found = { tripId: t.id, workerId: p.workerId, targets: r.targets };
        if (found) break;
      }
      if (found) break;
    }
    if (!found) throw new Error('the sample plan has no passenger with a valid move target');
    const trip = page.locator(`details.trip[data-trip-id="${found.tripId}"]`);
    await trip.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    if ((await trip.getAttribute('open')) === null) await trip.locator('summary').click();
    const row = trip.locator(`table.passengers tr[data-worker-id="${found.workerId}"]`);
    await row.getByRole('button', { name: /^查找 .* 可调入的车次$/ }).click();
    const select = row.locator('select.move-select');
    await select.waitFor();
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(values).toEqual(found.targets.map((x) => x.tripId));
    const texts = await select.locator('option').allTextContents();
    for (const text of texts) expect(text).toMatch(/ · 空座 \d+ · 个人分摊 ¥[\d,]+\.\d\d$/);
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(await row.locator('.move-cost').textContent()).toContain(`→${yuan(found.targets[0].toCostFen.after)}`);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '06a-plan-move-targets', trip);
    await row.getByRole('button', { name: '调整' }).click();
    await page.getByText(/^已调整：/).waitFor();
    const after = (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json as PlanJson;
    const to = after.trips.find((x) => x.id === found!.targets[0].tripId)!;
    expect(to.passengers.map((x) => x.workerId)).toContain(found.workerId);
  });

  it('shows departed and arrived trips by their badges, without lock or move controls', async () => {
    const { page } = c;
    const first = plan.trips[0] as PlanJson['trips'][number] & { departAt: string; arriveAt: string };
    // A page loaded before departure still shows the lock: the server's refusal is told by the trip's label.
    const open = page.locator(`details.trip[data-trip-id="${first.id}"]`);
    if ((await open.getAttribute('open')) === null) await open.locator('summary').click();
    svc.clock.set(new Date(Date.parse(first.departAt) + 60_000));
    await open.getByRole('button', { name: '锁定' }).click();
    const refusal = open.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(`未执行：${first.label} 已发车，不能再修改。`);
    await page.reload();
    await readyTime(page, 'plan');
    const trip = page.locator(`details.trip[data-trip-id="${first.id}"]`);
    await expect(trip.locator('summary .trip-status').getAttribute('data-status')).resolves.toBe('departed');
    expect(await trip.locator('summary .trip-status').textContent()).toBe('已发车');
    await trip.locator('summary').click();
    await trip.locator('table.passengers tbody tr').first().waitFor();
    expect(await trip.getByRole('button', { name: '锁定' }).count()).toBe(0);
    expect(await trip.locator('td.move').count()).toBe(0);
    await screenshot(page, '06c-plan-trip-departed', trip);
    svc.clock.set(new Date());
    await page.reload();
    await readyTime(page, 'plan');
    const statuses = await page
      .locator('details.trip summary .trip-status')
      .evaluateAll((bs) => [...new Set(bs.map((b) => b.getAttribute('data-status')))]);
    expect(statuses).toEqual(['arrived']);
    await page.getByRole('button', { name: '切换语言' }).click();
    await expect(page.locator('details.trip summary .trip-status').first().textContent()).resolves.toBe('Arrived');
    await page.getByRole('button', { name: 'Switch language' }).click();
    svc.clock.set(BEFORE_SAMPLE_DEPARTS);
  });

  it('records a held worker’s new health code', async () => {
    const { page } = c;
    const yellow = plan.held.find((h) => h.code === 'health-code-yellow');
    if (!yellow) return;
    const row = page.locator(`[data-testid=held-list] tr[data-worker-id="${yellow.workerId}"]`);
    await row.getByRole('button', { name: '更新健康状态' }).click();
    const form = page.locator('[data-testid=held-list] tr.form-row:not([hidden]) form');
    await form.getByLabel('健康码', { exact: true }).selectOption('green');
    expect(await unlabelledControls(page)).toEqual([]);
    await form.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, '06b-held-health-form');
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator('.plan-area').waitFor();
    await page
      .getByText(new RegExp(`${yellow.name} (已安排到车次|仍暂缓|已保存)`))
      .first()
      .waitFor();
  });

  it('prints a trip manifest and downloads its CSV', async () => {
    const { page } = c;
    const first = page.locator('details.trip').first();
    if ((await first.getAttribute('open')) === null) await first.locator('summary').click();
    await first.getByRole('link', { name: '打印乘车名单' }).click();
    await readyTime(page, 'manifest');
    expect(await page.locator('table.manifest-people tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, '07-manifest');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '08-manifest-print', 'full');
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^manifest-.*\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFseat,name,idNumber')).toBe(true);
  });

  it('switches to English and back', async () => {
    const { page } = c;
    await page.getByRole('button', { name: '切换语言' }).click();
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual([
      'Batches',
      'Factories',
      'Fleet',
      'Reports',
    ]);
    await screenshot(page, '09-manifest-en');
    await page.goto(`/batches/${batchId}`);
    await readyTime(page, 'plan');
    await screenshot(page, '09b-plan-en');
    await page.getByRole('button', { name: 'Switch language' }).click();
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual([
      '批次',
      '工厂',
      '车辆与司机',
      '汇总上报',
    ]);
  });

  it('loads each page with the sample data in under a second', async () => {
    const { page } = c;
    timings['batches (upload, recent)'] = await timedLoad(page, '/batches', 'batches');
    expect(await page.locator('.recent a').first().textContent()).toBe('sample-batch');
    timings['batch plan (368 workers)'] = await timedLoad(page, `/batches/${batchId}`, 'plan');
    timings['trip manifest'] = await timedLoad(
      page,
      `/batches/${batchId}/trips/${plan.trips[0].id}/manifest`,
      'manifest',
    );
    reportTimings('dispatcher pages, ready after navigation start:', timings);
    for (const [name, ms] of Object.entries(timings)) expect([name, ms < 1000]).toEqual([name, true]);
    expect(c.problems).toEqual([]);
  });
});
