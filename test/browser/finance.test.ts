/**
 * A finance office's day in the console: a maker makes and publishes a county's list, the 7-day public notice
 * runs (the service's clock moves past it), a second user finds it in their queue and approves it, a third pays
 * it with a payment reference after confirming count and total; each sees only the buttons that can succeed,
 * with the reason for the others, and the audit trail of the list and of each person. In Chinese and English,
 * at 1440×900 and 390×844.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '../../src/auth/api-keys';
import { api } from '../support/http';
import { startTestService, type TestService } from '../support/test-service';
import { ensureConsoleBuilt } from './support/build-console';
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
import { ALL_COUNTIES, ALL_FACTORIES, confirmAllArrivals, fenOf, plannedSample } from './support/scenario';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
/** An instant as the console writes it: China time with the year, 2026-03-09 14:05. */
const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The page is no wider than the window (tables become cards or scroll in their own box). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

describeInBrowser('console: finance makes, publishes, approves after the notice, and pays a subsidy list', () => {
  let svc: TestService;
  let browser: Browser;
  let maker: ConsolePage, checker: ConsolePage, cashier: ConsolePage;
  let makerKey: string, checkerKey: string, cashierKey: string;
  let county: string, secondCounty: string;
  let listId: string, otherId: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    await ensureConsoleBuilt();
    // The bundled 7-day notice; the clock starts at the browser's (arrivals are confirmed "now").
    svc = await startTestService({ now: new Date().toISOString() });
    const plan = await plannedSample(svc, await svc.key('dispatcher', ALL_COUNTIES));
    await confirmAllArrivals(svc, await svc.key('enterprise', ALL_FACTORIES), plan);
    const key = async (label: string) => (await createApiKey(svc.tdb.db, 'finance', ALL_COUNTIES, label)).key;
    [makerKey, checkerKey, cashierKey] = [await key('制表 王'), await key('审核 李'), await key('出纳 张')];
    browser = await launchChromium();
    [maker, checker, cashier] = await Promise.all([1, 2, 3].map(() => openConsole(browser, svc.base)));
  });
  afterAll(async () => {
    for (const c of [maker, checker, cashier]) await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('shows the payable subsidies with totals and a chart per county', async () => {
    const { page } = maker;
    await signIn(page, makerKey, '/subsidies');
    await readyTime(page, 'subsidies');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      '补贴',
      '补贴名单',
      '批次',
      '汇总上报',
    ]);
    const payable = (await api(svc.base, makerKey, 'GET', '/api/v1/subsidies?status=payable')).json;
    expect(payable.totals.count).toBeGreaterThan(0);
    const cards = await page.locator('.cards').first().textContent();
    expect(cards).toContain(String(payable.totals.count));
    expect(cards).toContain(yuan(payable.totals.amountFen));
    const byCounty = new Map<string, number>();
    for (const s of payable.subsidies as { countyCode: string; amountFen: number }[])
      byCounty.set(s.countyCode, (byCounty.get(s.countyCode) ?? 0) + s.amountFen);
    expect(byCounty.size).toBeGreaterThan(1);
    expect(await page.locator('[data-testid=county-chart] rect.bar').count()).toBe(byCounty.size);
    [county, secondCounty] = [...byCounty].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(await page.locator('table.subsidies tbody tr').count()).toBe(payable.totals.count);
    await screenshot(page, '12-subsidies');
    expect(await unlabelledControls(page)).toEqual([]);
    // Every status the API answers can be filtered on, in Chinese words.
    const filter = page.locator('form.filters select[name=status]');
    expect(await filter.locator('option').evaluateAll((os) => os.map((o) => (o as any).value))).toEqual([
      'payable',
      'pending-employment',
      'listed',
      'paid',
      'withdrawn',
    ]);
    expect(await filter.locator('option[value=withdrawn]').textContent()).toBe('已离岗（不发放）');
  });

  it('makes a list for one county and publishes it; the maker is offered no approval, and told why', async () => {
    const { page } = maker;
    const form = page.locator('[data-testid=make-list]');
    await form.getByLabel('县区').selectOption(county);
    await form.getByRole('button', { name: '生成名单' }).click();
    await page.waitForURL(/\/subsidy-lists\/[0-9a-f-]{36}$/);
    await readyTime(page, 'subsidy-list');
    listId = page.url().split('/').pop()!;
    const list = (await api(svc.base, makerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    const listed = (await api(svc.base, makerKey, 'GET', `/api/v1/subsidies?status=listed&county=${county}`)).json;
    expect(list.totalFen).toBe(listed.totals.amountFen);
    expect(await page.getByTestId('list-total').textContent()).toBe(yuan(list.totalFen));
    expect(await page.locator('table.items > tbody > tr').count()).toBe(list.itemCount);
    expect(await page.getByTestId('list-audit').locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/生成名单制表 王.*人，¥/),
    ]);

    await page.getByRole('button', { name: '发布公示' }).click();
    await page.getByText('操作成功：公示中').waitFor();
    const flow = page.getByTestId('list-flow');
    expect(await flow.locator('button[data-action]').allTextContents()).toEqual(['撤回']);
    expect(await flow.locator('[data-refused]').allTextContents()).toEqual([
      '审核通过 你是本名单的制表人，须由另一位财务人员审核。',
    ]);
    await page.getByTestId('list-audit').locator('tr[data-action="subsidy-list.published"]').waitFor();
    await screenshot(page, '13-subsidy-list-maker-refused');
    expect((await api(svc.base, makerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json.status).toBe('published');
  });

  it('a second finance user sees the notice running, then after it finds the list in the queue and approves it', async () => {
    const { page } = checker;
    await signIn(page, checkerKey, '/subsidies');
    await page.getByRole('navigation').getByRole('link', { name: '补贴名单' }).click();
    await readyTime(page, 'subsidy-lists');
    const tabs = page.getByRole('navigation', { name: '名单视图' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual(['待我审批 0', '全部名单']);
    const { noticeEndsAt } = (await api(svc.base, checkerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    const row = page.locator(`tr[data-list-id="${listId}"]`);
    expect(await row.locator('.next-step').textContent()).toBe(`公示至 ${cst(noticeEndsAt)}`);
    await row.getByRole('link').click();
    await readyTime(page, 'subsidy-list');
    expect(await page.getByTestId('list-flow').locator('[data-refused]').allTextContents()).toEqual([
      `审核通过 公示期至 ${cst(noticeEndsAt)} 结束，之后方可审核。`,
    ]);
    expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);

    svc.clock.advance(7 * DAY + 60_000);
    await page.goto('/subsidy-lists');
    await readyTime(page, 'subsidy-lists');
    await tabs.getByRole('link', { name: '待我审批 1' }).click();
    await page.waitForURL('**/subsidy-lists?awaiting=me');
    await readyTime(page, 'subsidy-lists');
    expect(await page.getByTestId('queue').locator('tbody tr').count()).toBe(1);
    expect(await row.locator('.next-step').textContent()).toBe('审核通过');
    await screenshot(page, '14-subsidy-lists-queue');
    await row.getByRole('link').click();
    await readyTime(page, 'subsidy-list');
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('操作成功：已审核').waitFor();
    const list = (await api(svc.base, checkerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    expect(list.status).toBe('approved');
    expect(list.approvedBy).not.toBe(list.createdBy);
    expect(await page.locator('.facts').textContent()).toContain(list.approvedBy.slice(0, 8));
    // The approver may not also pay (the bundled policy): no button, the reason instead.
    expect(await page.getByRole('button', { name: '确认发放' }).count()).toBe(0);
    expect(await page.getByTestId('list-flow').locator('[data-refused]').allTextContents()).toEqual([
      '确认发放 你审核了本名单，须由另一位财务人员确认发放。',
    ]);
    await screenshot(page, '15-subsidy-list-approved');
  });

  it('downloads the list as CSV whose totals match the list', async () => {
    const { page } = checker;
    const list = (await api(svc.base, checkerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(bytes.toString('utf8').slice(1), { relax_column_count: true }) as string[][];
    const [header, ...rest] = rows;
    expect(header[0]).toMatch(/序号/);
    const data = rest.filter((r) => /^\d+$/.test(r[0]));
    const totals = rest.filter((r) => !/^\d+$/.test(r[0]));
    expect(data).toHaveLength(list.itemCount);
    const amount = header.indexOf('补贴(元) Subsidy (yuan)'); // the payee account columns follow it
    expect(data.reduce((s, r) => s + fenOf(r[amount]), 0)).toBe(list.totalFen);
    const grand = totals[totals.length - 1];
    expect(grand).toBe(rest[rest.length - 1]);
    expect(grand[0]).toMatch(/总计|Grand total/);
    expect(fenOf(grand[amount])).toBe(list.totalFen);
    expect(totals.some((r) => /合计 Total/.test(r[0]))).toBe(true);
    await page.getByText(/已下载/).waitFor();
  });

  it('shows an admin every part of the console', async () => {
    const admin = await openConsole(browser, svc.base);
    try {
      await signIn(admin.page, await svc.key('admin'), '/batches');
      expect(await admin.page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
        '批次',
        '到岗确认',
        '工厂',
        '车辆与司机',
        '补贴',
        '补贴名单',
        '汇总上报',
      ]);
    } finally {
      await admin.close();
    }
  });

  it('a third finance user pays it: count and total confirmed, a payment reference required', async () => {
    const { page } = cashier;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, cashierKey, '/subsidies');
    await page.goto(`/subsidy-lists/${listId}`);
    await readyTime(page, 'subsidy-list');
    const list = (await api(svc.base, cashierKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    const pay = page.getByRole('button', { name: '确认发放' });
    await pay.click();
    const dialog = page.getByRole('dialog', { name: '确认发放补贴' });
    await dialog.waitFor();
    expect(await dialog.locator('.pay-summary').textContent()).toBe(
      `向 ${list.itemCount} 人发放，合计 ${yuan(list.totalFen)}。发放后名单不可更改。`,
    );
    await dialog.getByRole('button', { name: '记录发放' }).click();
    await dialog.getByText('请填写付款凭证号（1–64 个字符）。').waitFor();
    expect(await dialog.getByLabel('付款凭证号').getAttribute('aria-invalid')).toBe('true');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '16-pay-dialog');
    // Escape: nothing paid, the focus back on Pay.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await pay.evaluate((b) => b === (globalThis as any).document.activeElement)).toBe(true);
    expect((await api(svc.base, cashierKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json.status).toBe('approved');

    // On a phone the dialog fits the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await pay.click();
    await dialog.getByLabel('付款凭证号').fill('GK-2026-0001');
    expect(await sideways(page)).toBe(0);
    await screenshot(page, '17-pay-dialog-390');
    await dialog.getByRole('button', { name: '记录发放' }).click();
    await page.getByText('操作成功：已发放').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('payment-reference').textContent()).toBe('GK-2026-0001');
    const paid = (await api(svc.base, cashierKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    expect(paid).toMatchObject({ status: 'paid', paymentReference: 'GK-2026-0001' });
    expect(await page.getByTestId('list-flow').locator('button[data-action], [data-refused]').count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows the audit trail of the list and of one person on it', async () => {
    const { page } = cashier;
    const trail = page.getByTestId('list-audit');
    await trail.locator('tr[data-action="subsidy-list.paid"]').waitFor();
    const cells = async (rows: ReturnType<Page['locator']>) =>
      rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(1).map((td) => td.textContent?.trim())));
    const rows = await cells(trail.locator('tbody tr'));
    // Who: the key's label, then the start of its id.
    expect(rows.map(([action, who]) => [action, who?.replace(/ [0-9a-f]{8}$/, '')])).toEqual([
      ['生成名单', '制表 王'],
      ['发布公示', '制表 王'],
      ['审核通过', '审核 李'],
      ['导出 CSV', '审核 李'],
      ['确认发放', '出纳 张'],
    ]);
    expect(rows[4][2]).toBe('凭证号 GK-2026-0001');
    const first = page.locator('table.items > tbody > tr').first();
    const name = (await first.locator('th').textContent())!;
    await first.getByRole('button', { name: `记录 ${name}` }).click();
    const person = page.locator('.person-trail');
    await person.getByRole('heading', { name: `${name} 的补贴记录` }).waitFor();
    expect((await cells(person.locator('tbody tr'))).map(([action]) => action)).toEqual([
      '计算补贴',
      '企业确认在岗',
      '生成名单',
      '发布公示',
      '审核通过',
      '导出 CSV',
      '确认发放',
    ]);
    expect(await first.getByRole('button', { name: `收起 ${name}` }).getAttribute('aria-expanded')).toBe('true');
    await person.scrollIntoViewIfNeeded();
    await screenshot(page, '18-subsidy-list-paid-trail', 'full');
    expect(cashier.problems).toEqual([]);
  });

  it('in English and on a phone: the queue, the notice reason and the list, nothing scrolling sideways', async () => {
    const made = await api(svc.base, makerKey, 'POST', '/api/v1/subsidy-lists', { county: secondCounty });
    expect(made.status).toBe(201);
    const other = (await api(svc.base, makerKey, 'POST', `/api/v1/subsidy-lists/${made.json.id}/publish`)).json;
    expect(other.status).toBe('published');
    otherId = other.id;
    const { page } = checker;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/subsidy-lists');
    await readyTime(page, 'subsidy-lists');
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'All lists' }).waitFor();
    const statusFilter = page.getByLabel('Status');
    await statusFilter.selectOption('published');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL('**/subsidy-lists?status=published');
    await readyTime(page, 'subsidy-lists');
    expect(await page.locator('table.lists tbody tr').count()).toBe(1);
    expect(await sideways(page)).toBe(0);
    await screenshot(page, '19-subsidy-lists-en-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sideways(page)).toBe(0);
    await screenshot(page, '20-subsidy-lists-en-390', 'full');

    await page.locator(`tr[data-list-id="${other.id}"] a`).click();
    await readyTime(page, 'subsidy-list');
    expect(await page.getByTestId('list-flow').locator('[data-refused]').allTextContents()).toEqual([
      `Approve The public notice ends on ${cst(other.noticeEndsAt)}; the list can be approved after that.`,
    ]);
    expect(await sideways(page)).toBe(0);
    await screenshot(page, '21-subsidy-list-en-390', 'full');
    await page.goto(`/subsidy-lists/${listId}`);
    await readyTime(page, 'subsidy-list');
    await page.getByTestId('list-audit').getByText('Marked paid').waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, '22-subsidy-list-paid-en-390', 'full');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('button', { name: 'Switch language' }).click();
  });

  it('refuses a step on a list that changed meanwhile with the reason, and redraws the list as it stands', async () => {
    const { page } = maker;
    await page.goto(`/subsidy-lists/${otherId}`);
    await readyTime(page, 'subsidy-list');
    const flow = page.getByTestId('list-flow');
    expect(await flow.locator('button[data-action]').allTextContents()).toEqual(['撤回']);
    // Meanwhile the notice ends and the cashier approves it: withdrawing can no longer succeed.
    svc.clock.advance(7 * DAY + 60_000);
    const approved = await api(svc.base, cashierKey, 'POST', `/api/v1/subsidy-lists/${otherId}/approve`);
    expect(approved.json.status).toBe('approved');
    await page.getByRole('button', { name: '撤回' }).click();
    const said = page.locator('.status-line.bad[role=alert]');
    await said.getByText('名单的状态已经变化。下面是名单现在的状态。').waitFor();
    expect(await flow.locator('button[data-action]').allTextContents()).toEqual(['确认发放']);
    expect(await flow.locator('.badge').first().textContent()).toBe('已审核');
    // The maker may pay (the approver was someone else); the checker pays first, the dialog closes with why.
    await page.getByRole('button', { name: '确认发放' }).click();
    const dialog = page.getByRole('dialog', { name: '确认发放补贴' });
    await dialog.getByLabel('付款凭证号').fill('GK-LATE');
    expect(await said.count()).toBe(0); // opening the dialog cleared the last outcome
    const paid = await api(svc.base, checkerKey, 'POST', `/api/v1/subsidy-lists/${otherId}/pay`, {
      paymentReference: 'GK-FIRST',
    });
    expect(paid.json.status).toBe('paid');
    await dialog.getByRole('button', { name: '记录发放' }).click();
    await dialog.waitFor({ state: 'detached' });
    await said.getByText('名单的状态已经变化。下面是名单现在的状态。').waitFor();
    expect(await page.getByTestId('payment-reference').textContent()).toBe('GK-FIRST');
    expect(await flow.locator('button[data-action]').count()).toBe(0);
    await screenshot(page, '23-subsidy-list-changed-meanwhile');
  });

  it('loads the finance pages in under a second', async () => {
    const { page } = checker;
    timings['subsidies (payable)'] = await timedLoad(page, '/subsidies', 'subsidies');
    timings['subsidies (paid)'] = await timedLoad(page, '/subsidies?status=paid', 'subsidies');
    timings['subsidy lists'] = await timedLoad(page, '/subsidy-lists', 'subsidy-lists');
    timings['approval queue'] = await timedLoad(page, '/subsidy-lists?awaiting=me', 'subsidy-lists');
    timings['subsidy list detail'] = await timedLoad(page, `/subsidy-lists/${listId}`, 'subsidy-list');
    reportTimings('finance pages, ready after navigation start:', timings);
    for (const [name, ms] of Object.entries(timings)) expect([name, ms < 1000]).toEqual([name, true]);
    expect(maker.problems).toEqual([]);
    expect(checker.problems).toEqual([]);
  });
});
