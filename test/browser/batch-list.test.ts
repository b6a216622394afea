import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, signIn, unlabelledControls, type ConsolePage } from './support/console-page';
import { startConsoleService } from './support/scenario';

jest.setTimeout(180_000);

const TIANZHEN = '140222';
const HUNYUAN = '140225';
/** One more than a page (20), so the list has two. */
const OWN_BATCHES = 22;

/** A batch of two workers of one county, submitted through the API (not through any browser tab). */
async function submit(svc: TestService, key: string, name: string, county: string, i: number): Promise<string> {
  const home = county === TIANZHEN ? {} : { countyCode: HUNYUAN, village: '永安镇', lon: 113.699, lat: 39.693 };
  const workers = [i, i + 1].map((n) => workerRow(n, { ...home, idNumber: makeIdNumber(county, '19900315', n) }));
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  return r.json.id;
}

const rows = (page: Page) => page.locator('[data-testid=batch-list] tbody tr');
const rowNames = (page: Page) => page.locator('[data-testid=batch-list] tbody th a').allTextContents();
const pageStatus = (page: Page) => page.getByTestId('batch-list-page');
/** Waits until the list shows `n` rows (and, if given, exactly these names) and is no longer loading. */
async function showsRows(page: Page, n: number, names?: string[]): Promise<void> {
  await page.waitForFunction(
    ([k, want]) => {
      const d = (globalThis as any).document;
      if (d.querySelector('.batch-list-body[aria-busy]')) return false;
      const shown = [...d.querySelectorAll('[data-testid=batch-list] tbody th a')].map((a: any) => a.textContent);
      return shown.length === k && (!want || JSON.stringify(shown) === JSON.stringify(want));
    },
    [n, names ?? null] as const,
  );
}

describeInBrowser('console: the batches page lists batches from the API', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  const ids: string[] = [];

  beforeAll(async () => {
    svc = await startConsoleService();
    key = await svc.key('dispatcher', [TIANZHEN]);
    for (let k = 1; k <= OWN_BATCHES; k++) {
      const name = k === 3 ? '春节返岗 特别批' : `Batch ${String(k).padStart(2, '0')}`;
      ids.push(await submit(svc, key, name, TIANZHEN, k * 2));
    }
    await submit(svc, await svc.key('dispatcher', [HUNYUAN]), '浑源 不该出现', HUNYUAN, 100);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when a dispatcher opens a fresh tab, then the batches submitted earlier are listed, newest first', async () => {
    c = await openConsole(browser, svc.base);
    const { page } = c;
    await signIn(page, key, '/batches');
    await readyTime(page, 'batches');
    await showsRows(page, 20);
    const names = await rowNames(page);
    expect(names[0]).toBe(`Batch ${OWN_BATCHES}`);
    expect(names).not.toContain('浑源 不该出现');
    expect(await pageStatus(page).textContent()).toBe(`第 1 / 2 页 · 共 ${OWN_BATCHES} 个批次`);
    expect(await page.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: '/tmp/batches-1440.png', fullPage: true });
  });

  it('when the dispatcher pages, then the next page holds the rest and the address keeps the page', async () => {
    const { page } = c;
    await page.getByRole('button', { name: '下一页' }).click();
    await showsRows(page, OWN_BATCHES - 20, ['Batch 02', 'Batch 01']);
    expect(await pageStatus(page).textContent()).toBe(`第 2 / 2 页 · 共 ${OWN_BATCHES} 个批次`);
    expect(new URL(page.url()).search).toBe('?page=2');
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.reload();
    await readyTime(page, 'batches');
    expect(await rowNames(page)).toEqual(['Batch 02', 'Batch 01']);
    await page.getByRole('button', { name: '上一页' }).click();
    await showsRows(page, 20);
  });

  it('when the dispatcher searches by name, id or day, then the list narrows, and a row opens its batch', async () => {
    const { page } = c;
    const search = page.getByLabel('搜索名称或编号');
    await search.fill('特别');
    await showsRows(page, 1, ['春节返岗 特别批']);
    expect(await pageStatus(page).textContent()).toBe('第 1 / 1 页 · 共 1 个批次');
    await search.fill(ids[9].slice(0, 8));
    await showsRows(page, 1, ['Batch 10']);
    await search.fill('no such batch');
    await page.getByText('没有符合条件的批次。').waitFor();
    await page.getByRole('button', { name: '清除条件' }).click();
    await showsRows(page, 20);
    // Days the wrong way round are refused before asking the API.
    await page.getByLabel('提交日期自').fill('2030-01-02');
    await page.getByLabel('提交日期至').fill('2030-01-01');
    await page.getByRole('alert').filter({ hasText: '结束日期早于开始日期' }).waitFor();
    await page.getByLabel('提交日期至').fill('2030-01-03');
    await page.getByText('没有符合条件的批次。').waitFor();
    await page.getByRole('button', { name: '清除条件' }).click();
    await showsRows(page, 20);
    await search.fill('Batch 05');
    await showsRows(page, 1, ['Batch 05']);
    await rows(page).getByRole('link', { name: 'Batch 05' }).click();
    await page.waitForURL(`**/batches/${ids[4]}`);
    await page.goBack();
    await readyTime(page, 'batches');
  });

  it('when the window is 390 px wide, then each batch is a card and nothing scrolls sideways', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/batches');
    await readyTime(page, 'batches');
    const widths = await page.evaluate(() => {
      const d = (globalThis as any).document;
      return { scroll: d.documentElement.scrollWidth, client: d.documentElement.clientWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(
      await rows(page)
        .first()
        .evaluate((tr) => (globalThis as any).getComputedStyle(tr).display),
    ).toBe('grid');
    await page.screenshot({ path: '/tmp/batches-390.png', fullPage: true });
  });

  it('when the language is English, then the list speaks English', async () => {
    const { page } = c;
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'All batches' }).waitFor();
    expect(await pageStatus(page).textContent()).toBe(`Page 1 of 2 · ${OWN_BATCHES} batches`);
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByRole('heading', { name: '全部批次' }).waitFor();
    expect(c.problems).toEqual([]);
  });

  it('when finance of the county opens it, then the same list shows, read only', async () => {
    const fin = await openConsole(browser, svc.base);
    try {
      const { page } = fin;
      await signIn(page, await svc.key('finance', [TIANZHEN]), '/subsidies');
      await page.getByRole('navigation').getByRole('link', { name: '批次' }).click();
      await readyTime(page, 'batches');
      await showsRows(page, 20);
      expect(await pageStatus(page).textContent()).toBe(`第 1 / 2 页 · 共 ${OWN_BATCHES} 个批次`);
      expect(await page.getByTestId('dropzone').count()).toBe(0);
      await page.getByText('只读').first().waitFor();
      expect(fin.problems).toEqual([]);
    } finally {
      await fin.close();
    }
  });
});
