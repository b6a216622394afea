import { copyFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';
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

jest.setTimeout(240_000);

const DAY = '2027-03-02';
const FACTORY = 'qingdao-huangdao-appliance';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });
/** An instant as the console's arrival-time field takes it (China time). */
const cstInput = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

interface Plan {
  batchId: string;
  trips: { id: string; key: string; arriveAt: string; passengers: { workerId: string }[] }[];
}

/** Saves a screenshot where the task asks for it (/tmp) as well as with the other artifacts. */
async function shot(page: Page, name: string): Promise<void> {
  copyFileSync(await screenshot(page, name, 'full'), `/tmp/${name}.png`);
}

/** What a 390 px phone must never show: a page wider than the screen, or a button covered by anything. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as any; // the page's window
    const doc = w.document;
    const out: string[] = [];
    if (doc.documentElement.scrollWidth > w.innerWidth) out.push(`page ${doc.documentElement.scrollWidth}px wide`);
    for (const b of doc.querySelectorAll('main button')) {
      const r = b.getBoundingClientRect();
      if (!r.width || r.top < 0 || r.bottom > w.innerHeight) continue; // hidden, or not in view to probe
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const top = doc.elementFromPoint(x, y);
      if (top !== b && !b.contains(top)) out.push(`"${b.textContent}" covered by <${top?.tagName}>`);
      if (r.right > w.innerWidth) out.push(`"${b.textContent}" cut off at ${Math.round(r.right)}px`);
    }
    return out;
  });
}

describeInBrowser('console: an enterprise pages through 125 arrivals, searches and confirms', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let big: Plan, small: Plan;
  let key: string;
  let latest: number;

  async function planned(dispatcher: string, name: string, workers: unknown[]): Promise<Plan> {
    const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name, workers });
    expect(r.status).toBe(202);
    await waitFor(
      `${name} planned`,
      async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
      60_000,
    );
    return (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
  }

  beforeAll(async () => {
    await ensureConsoleBuilt();
    svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
    const dispatcher = await svc.key('dispatcher', ['140222']);
    big = await planned(
      dispatcher,
      '甲批次',
      Array.from({ length: 120 }, (_, k) => row(k + 1, k === 36 ? { name: '欧阳娜娜' } : {})),
    );
    small = await planned(
      dispatcher,
      '乙批次',
      Array.from({ length: 5 }, (_, k) => row(201 + k)),
    );
    key = await svc.key('enterprise', [FACTORY]);
    // Just after the last trip's planned arrival: everyone is expected, and may be confirmed as arrived now.
    latest = Math.max(...[...big.trips, ...small.trips].map((t) => Date.parse(t.arriveAt)));
    svc.clock.set(new Date(latest + 10 * 60_000).toISOString());
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
    await c.page.setViewportSize({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('shows page 1 of 3 of the expected, 50 people, and pages on', async () => {
    const { page } = c;
    await signIn(page, key, '/arrivals');
    await readyTime(page, 'arrivals');
    const tabs = page.getByRole('navigation', { name: '到岗状态' });
    await expect(tabs.getByRole('link', { name: '待到 125' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await page.locator('table.arrival-list tbody tr').count()).toBe(50);
    await page.getByText('第 1 / 3 页').waitFor();
    await page.getByText('第 1–50 人，共 125 人').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await shot(page, 'arrivals-expected-1440');
    for (const [n, label] of [
      [50, '第 2 / 3 页'],
      [25, '第 3 / 3 页'],
    ] as const) {
      await page.getByRole('button', { name: '下一页' }).click();
      await page.getByText(label).waitFor();
      await readyTime(page, 'arrivals');
      expect(await page.locator('table.arrival-list tbody tr').count()).toBe(n);
    }
    await expect(page.getByRole('button', { name: '下一页' }).isDisabled()).resolves.toBe(true);
  });

  it('narrows to one person by part of a name and by the tail of the ID number', async () => {
    const { page } = c;
    await page.goto('/arrivals');
    await readyTime(page, 'arrivals');
    await page.getByLabel('搜索').fill('阳娜');
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/q=%E9%98%B3%E5%A8%9C/);
    await readyTime(page, 'arrivals');
    expect(await page.locator('table.arrival-list tbody tr th.person-name').allTextContents()).toEqual(['欧阳娜娜']);
    await page.getByLabel('搜索').fill(String(row(37).idNumber).slice(-6));
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/q=\d{5}/);
    await readyTime(page, 'arrivals');
    expect(await page.locator('table.arrival-list tbody tr th.person-name').allTextContents()).toEqual(['欧阳娜娜']);
    expect(await page.getByText(/第 \d+ \/ \d+ 页/).count()).toBe(0);
    await shot(page, 'arrivals-search-1440');
  });

  it('confirms that one person: the outcome and the focus on their row, the tabs recounted', async () => {
    const { page } = c;
    await page.getByLabel('到岗时间（北京时间）').fill(cstInput(latest));
    await page.getByRole('button', { name: '确认到岗：欧阳娜娜' }).click();
    const person = page.locator('table.arrival-list tbody tr').first();
    await person.getByText('欧阳娜娜 已确认到岗。').waitFor();
    await expect(person.getAttribute('class')).resolves.toMatch(/\barrived\b/);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('欧阳娜娜');
    const tabs = page.getByRole('navigation', { name: '到岗状态' });
    await tabs.getByRole('link', { name: '已到岗 1' }).waitFor();
    await tabs.getByRole('link', { name: '待到 0' }).waitFor();
  });

  it('tells same-keyed trips of two batches apart and confirms everyone waiting on one', async () => {
    const { page } = c;
    await page.goto('/arrivals');
    await readyTime(page, 'arrivals');
    const trip = small.trips[0];
    const choice = page.getByLabel('车次').locator('option', { hasText: `乙批次 · ${trip.key}` });
    expect(await choice.count()).toBe(1);
    expect(
      await page
        .getByLabel('车次')
        .locator('option', { hasText: `甲批次 · ${trip.key} ` })
        .count(),
    ).toBe(1);
    await page.getByLabel('车次').selectOption(trip.id);
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`**vehicle=${trip.id}*`);
    await readyTime(page, 'arrivals');
    const bar = page.locator(`section.vehicle-bar[data-trip-id="${trip.id}"]`);
    await bar.getByText('已到 0 / 5 人').waitFor();
    await page.getByLabel('到岗时间（北京时间）').fill(cstInput(latest));
    await bar.getByRole('button', { name: '确认本车次全部待到人员（5 人）' }).click();
    await bar.getByText('已确认 5 人到岗。').waitFor();
    await bar.getByText('已到 5 / 5 人').waitFor();
    expect(await page.locator('table.arrival-list tbody tr.arrived').count()).toBe(5);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('H2');
    await shot(page, 'arrivals-vehicle-1440');
  });

  it('lists the no-shows once the clock has passed the grace, at 1440 and at 390 px', async () => {
    const { page } = c;
    svc.clock.set(new Date(latest + 361 * 60_000).toISOString());
    await page.goto('/arrivals');
    await readyTime(page, 'arrivals');
    await page.getByRole('link', { name: '未到岗 119' }).click();
    await page.waitForURL('**tab=no-show*');
    await readyTime(page, 'arrivals');
    expect(await page.locator('table.arrival-list tbody tr.no-show').count()).toBe(50);
    await shot(page, 'arrivals-no-show-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await layoutProblems(page)).toEqual([]);
    await shot(page, 'arrivals-no-show-390');
    await page.locator('table.arrival-list tbody tr').nth(3).scrollIntoViewIfNeeded();
    expect(await layoutProblems(page)).toEqual([]);
    // Confirmed on the phone: the outcome inside the person's card, the next card's button still clear.
    await page.getByLabel('到岗时间（北京时间）').fill(cstInput(latest));
    const card = page.locator('table.arrival-list tbody tr').nth(1);
    const name = await card.locator('th.person-name').textContent();
    await card.getByRole('button', { name: `确认到岗：${name}` }).click();
    await card.getByText(`${name} 已确认到岗。`).waitFor();
    await page.getByRole('link', { name: '未到岗 118' }).waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    copyFileSync(await screenshot(page, 'arrivals-confirmed-390'), '/tmp/arrivals-confirmed-390.png');
    await page.goto(`/arrivals?vehicle=${small.trips[0].id}&tab=arrived`);
    await readyTime(page, 'arrivals');
    expect(await layoutProblems(page)).toEqual([]);
    await shot(page, 'arrivals-vehicle-390');
    expect(c.problems).toEqual([]);
  });
});
