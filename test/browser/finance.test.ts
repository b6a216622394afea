import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
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
import {
  ALL_COUNTIES,
  ALL_FACTORIES,
  confirmAllArrivals,
  fenOf,
  plannedSample,
  startConsoleService,
} from './support/scenario';

jest.setTimeout(180_000);

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

describeInBrowser('console: finance makes, publishes, approves and exports a subsidy list', () => {
  let svc: TestService;
  let browser: Browser;
  let maker: ConsolePage, checker: ConsolePage;
  let makerKey: string, checkerKey: string;
  let county: string;
  let listId: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    svc = await startConsoleService();
    const plan = await plannedSample(svc, await svc.key('dispatcher', ALL_COUNTIES));
    await confirmAllArrivals(svc, await svc.key('enterprise', ALL_FACTORIES), plan);
    makerKey = await svc.key('finance', ALL_COUNTIES);
    checkerKey = await svc.key('finance', ALL_COUNTIES);
    browser = await launchChromium();
    maker = await openConsole(browser, svc.base);
    checker = await openConsole(browser, svc.base);
  });
  afterAll(async () => {
    await maker?.close();
    await checker?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('shows the payable subsidies with totals and a chart per county', async () => {
    const { page } = maker;
    await signIn(page, makerKey, '/subsidies');
    await readyTime(page, 'subsidies');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['补贴', '补贴名单']);
    const payable = (await api(svc.base, makerKey, 'GET', '/api/v1/subsidies?status=payable')).json;
    expect(payable.totals.count).toBeGreaterThan(0);
    const cards = await page.locator('.cards').first().textContent();
    expect(cards).toContain(String(payable.totals.count));
    expect(cards).toContain(yuan(payable.totals.amountFen));
    const byCounty = new Map<string, number>();
    for (const s of payable.subsidies as { countyCode: string; amountFen: number }[])
      byCounty.set(s.countyCode, (byCounty.get(s.countyCode) ?? 0) + s.amountFen);
    expect(await page.locator('[data-testid=county-chart] rect.bar').count()).toBe(byCounty.size);
    county = [...byCounty].sort((a, b) => b[1] - a[1])[0][0];
    expect(await page.locator('table.subsidies tbody tr').count()).toBe(payable.totals.count);
    await screenshot(page, '12-subsidies');
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('makes a list for one county and publishes it; the maker may not approve it', async () => {
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
    expect(await page.locator('table.items tbody tr').count()).toBe(list.itemCount);

    await page.getByRole('button', { name: '发布公示' }).click();
    await page.getByText('操作成功：公示中').waitFor();
    await page.getByRole('button', { name: '审核通过' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('制表人不能审核');
    expect(text).toMatch(/maker of a list cannot approve/);
    expect(text).toContain(list.createdBy);
    await screenshot(page, '13-subsidy-list-maker-refused');
    expect((await api(svc.base, makerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json.status).toBe('published');
  });

  it('a second finance user approves it', async () => {
    const { page } = checker;
    await signIn(page, checkerKey, '/subsidies');
    await page.getByRole('navigation').getByRole('link', { name: '补贴名单' }).click();
    await readyTime(page, 'subsidy-lists');
    await screenshot(page, '14-subsidy-lists');
    await page.locator(`tr[data-list-id="${listId}"] a`).click();
    await readyTime(page, 'subsidy-list');
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('操作成功：已审核').waitFor();
    const list = (await api(svc.base, checkerKey, 'GET', `/api/v1/subsidy-lists/${listId}`)).json;
    expect(list.status).toBe('approved');
    expect(list.approvedBy).not.toBe(list.createdBy);
    expect(await page.locator('.facts').textContent()).toContain(list.approvedBy.slice(0, 8));
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
        '补贴',
        '补贴名单',
      ]);
    } finally {
      await admin.close();
    }
  });

  it('marks it paid, and the finance pages load in under a second', async () => {
    const { page } = checker;
    await page.getByRole('button', { name: '确认发放' }).click();
    await page.getByText('操作成功：已发放').waitFor();
    timings['subsidies (payable)'] = await timedLoad(page, '/subsidies', 'subsidies');
    timings['subsidies (paid)'] = await timedLoad(page, '/subsidies?status=paid', 'subsidies');
    timings['subsidy lists'] = await timedLoad(page, '/subsidy-lists', 'subsidy-lists');
    timings['subsidy list detail'] = await timedLoad(page, `/subsidy-lists/${listId}`, 'subsidy-list');
    reportTimings('finance pages, ready after navigation start:', timings);
    for (const [name, ms] of Object.entries(timings)) expect([name, ms < 1000]).toEqual([name, true]);
    expect(maker.problems).toEqual([]);
    expect(checker.problems).toEqual([]);
  });
});
