/**
 * Fleet and crew in the console: a dispatcher enters an operator, a vehicle and a driver on /fleet, assigns them to
 * a trip's bus leg from the plan page, and opens the printable vehicle plan (一车一方案), at desk and phone size.
 */
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
interface Trip {
  id: string;
  key: string;
  label: string | null;
  legs: { seq: number; mode: string; passengerIds: string[] }[];
  passengers: { name: string }[];
}

/** Whether the page scrolls sideways at its current width. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth > d.clientWidth + 1;
  });

describeInBrowser('console: fleet, crew and the vehicle plan', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let batchId: string;
  let trip: Trip;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
    const key = await svc.key('dispatcher', ['140222']);
    const workers = Array.from({ length: 6 }, (_, i) =>
      workerRow(i + 1, { earliestDeparture: `${DAY}T06:00:00+08:00` }),
    );
    const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: '车辆测试', workers });
    batchId = r.json.id;
    await waitFor(
      'planned',
      async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}`)).json.status === 'planned',
    );
    const plan = (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
    trip = (plan.trips as Trip[]).find((t) => t.legs.some((l) => l.mode === 'bus'))!;
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
    await signIn(c.page, key, '/batches');
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when the dispatcher enters an operator, a vehicle and a driver, then they are listed, masked', async () => {
    const { page } = c;
    await page.getByRole('link', { name: '车辆与司机' }).click();
    await readyTime(page, 'fleet');
    await page.getByLabel('企业名称').fill('天镇客运');
    await page.getByLabel('应急联系人').fill('王站长');
    await page.getByLabel('应急联系电话').fill('13912345678');
    await page.getByRole('button', { name: '添加企业' }).click();
    await page.getByText('已保存：天镇客运').waitFor();
    const vehicle = page.getByRole('form', { name: '添加车辆' });
    await vehicle.getByLabel('车牌号').fill('晋B12345');
    await vehicle.getByLabel('车型').fill('大客车');
    await vehicle.getByLabel('座位数').fill('45');
    await vehicle.getByRole('button', { name: '添加车辆' }).click();
    await page.getByText('已保存：晋B12345').waitFor();
    const driver = page.getByRole('form', { name: '添加司机' });
    await driver.getByLabel('姓名').fill('李师傅');
    await driver.getByLabel('驾驶证号').fill('140222198001011234');
    await driver.getByLabel('手机号').fill('13700001111');
    await driver.getByRole('button', { name: '添加司机' }).click();
    await page.getByText('已保存：李师傅').waitFor();
    const row = page.locator('tr[data-driver-id]');
    expect(await row.locator('td').allTextContents()).toEqual([
      '李师傅',
      '1402**********1234',
      '137****1111',
      '天镇客运',
    ]);
    expect(await page.locator('tr[data-vehicle-id] td').allTextContents()).toEqual([
      '晋B12345',
      '大客车',
      '45',
      '天镇客运',
    ]);
    expect(await page.content()).not.toContain('13700001111');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'fleet-01-entered', 'full');
  });

  it('when the vehicle and driver are assigned on the plan page, then the leg shows its crew', async () => {
    const { page } = c;
    await page.goto(`/batches/${batchId}`);
    await readyTime(page, 'plan');
    const item = page.locator(`details.trip[data-trip-id="${trip.id}"]`);
    await item.locator('summary').click();
    const name = trip.label ?? trip.key;
    await item.getByRole('button', { name: `派车派司机（${name}）` }).click();
    const dialog = page.getByTestId('crew-dialog');
    const leg = dialog.locator('fieldset.crew-leg').first();
    await leg.waitFor();
    await leg.getByLabel('车辆').selectOption({ label: '晋B12345 · 大客车 · 45 座' });
    await leg.getByLabel(/李师傅/).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await leg.getByRole('button', { name: '保存本段' }).click();
    await leg.getByText('已派：晋B12345，司机 李师傅').waitFor();
    await screenshot(page, 'fleet-02-crew-dialog');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await item.getByRole('link', { name: `一车一方案（${name}）` }).click();
    await readyTime(page, 'vehicle-plan');
  });

  it('when the vehicle plan opens, then it shows the crew and everyone aboard', async () => {
    const { page } = c;
    expect(await page.locator('h1').textContent()).toBe(`${trip.label ?? trip.key} 一车一方案`);
    const bus = trip.legs.find((l) => l.mode === 'bus')!;
    const facts = page.locator(`.vehicle-plan-leg[data-leg-seq="${bus.seq}"] .crew-facts`);
    expect(await facts.textContent()).toContain('晋B12345 · 大客车 · 45');
    expect(await facts.textContent()).toContain('李师傅 137****1111');
    expect(await facts.textContent()).toContain('天镇客运 王站长 139****5678');
    const people = page.locator('table.vehicle-plan-people tbody tr');
    expect(await people.count()).toBe(trip.passengers.length);
    expect(await people.first().locator('td').first().textContent()).toBe('1');
    expect(c.problems).toEqual([]);
    await screenshot(page, 'fleet-03-vehicle-plan', 'full');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'fleet-04-vehicle-plan-print', 'full');
    await page.emulateMedia({ media: 'screen' });
  });

  it('when the driver’s manifest opens from the plan, then the crew and every passenger’s full phone show', async () => {
    const { page } = c;
    await page.goto(`/batches/${batchId}`);
    await readyTime(page, 'plan');
    const item = page.locator(`details.trip[data-trip-id="${trip.id}"]`);
    await item.locator('summary').click();
    await item.getByRole('link', { name: `司机乘车名单（${trip.label ?? trip.key}）` }).click();
    await readyTime(page, 'driver-manifest');
    expect(await page.locator('h1').textContent()).toBe(`${trip.label ?? trip.key} 司机乘车名单`);
    expect(await page.locator('.crew-facts').first().textContent()).toContain('李师傅 13700001111');
    const phones = await page.locator('table.driver-manifest-people tbody tr td.mono a').allTextContents();
    expect(phones).toHaveLength(trip.passengers.length);
    for (const p of phones) expect(p).toMatch(/^1\d{10}$/);
    expect(await page.locator('table.driver-manifest-stops tbody tr').count()).toBeGreaterThanOrEqual(2);
    // Rest stops in the reader's language, not the plan's English note.
    expect(await page.locator('table.driver-manifest-stops').textContent()).not.toMatch(/driving break/);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(c.problems).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sideways(page)).toBe(false);
    await screenshot(page, 'fleet-08-driver-manifest-phone', 'full');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`/batches/${batchId}/trips/${trip.id}/vehicle-plan`);
    await readyTime(page, 'vehicle-plan');
  });

  it('when the pages are opened at 390 px, then nothing scrolls sideways', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sideways(page)).toBe(false);
    await screenshot(page, 'fleet-05-vehicle-plan-phone');
    await page.goto('/fleet');
    await readyTime(page, 'fleet');
    expect(await sideways(page)).toBe(false);
    await screenshot(page, 'fleet-06-fleet-phone', 'full');
    // In English too: every word from fleet-en.ts, every control labelled.
    await page.getByRole('button', { name: /切换语言/ }).click();
    await readyTime(page, 'fleet');
    expect(await page.locator('h1').textContent()).toBe('Vehicles and drivers');
    expect(await page.locator('tr[data-vehicle-id] td').first().textContent()).toBe('晋B12345');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await sideways(page)).toBe(false);
    await screenshot(page, 'fleet-07-fleet-phone-en', 'full');
    await page.getByRole('button', { name: /Switch language/ }).click();
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('when a pooled bus’s driver’s manifest opens, then it lists every trip’s passengers aboard', async () => {
    const both = await svc.key('dispatcher', ['140222', '140225']);
    const at = { earliestDeparture: `${DAY}T06:00:00+08:00` };
    const hunyuan = { ...at, countyCode: '140225', village: '永安镇', lon: 113.7, lat: 39.69 };
    const workers = [31, 32, 33].map((i) => workerRow(i, at)).concat([34, 35, 36].map((i) => workerRow(i, hunyuan)));
    const r = await api(svc.base, both, 'POST', '/api/v1/batches', { name: '拼车名单', workers });
    const batch = `/api/v1/batches/${r.json.id}`;
    await waitFor('planned', async () => (await api(svc.base, both, 'GET', batch)).json.status === 'planned');
    type Pooled = Omit<Trip, 'legs'> & { legs: (Trip['legs'][number] & { vehicleLabel?: string })[] };
    const trips = (await api(svc.base, both, 'GET', `${batch}/plan`)).json.trips as Pooled[];
    const bus = trips.flatMap((t) => t.legs.filter((l) => l.mode === 'bus').map((leg) => ({ trip: t, leg })));
    const shared = bus.find((x) =>
      bus.some((y) => y.trip.id !== x.trip.id && y.leg.vehicleLabel === x.leg.vehicleLabel),
    );
    expect(shared?.leg.vehicleLabel).toBeDefined();
    const slices = bus.filter((x) => x.leg.vehicleLabel === shared!.leg.vehicleLabel);
    const names = slices.flatMap((x) => x.trip.passengers.map((p) => p.name)).sort();
    const d = await openConsole(browser, svc.base);
    try {
      await signIn(d.page, both, '/batches');
      for (const s of slices) {
        await d.page.goto(`/batches/${r.json.id}/trips/${s.trip.id}/driver-manifest`);
        await readyTime(d.page, 'driver-manifest');
        const leg = d.page.locator(`.vehicle-plan-leg[data-leg-seq="${s.leg.seq}"]`);
        const rows = leg.locator('table.driver-manifest-aboard tbody tr');
        // Both trips' passengers, on either trip's manifest, seated once for the bus.
        expect((await rows.locator('td:nth-child(2)').allTextContents()).sort()).toEqual(names);
        expect(await rows.locator('td:nth-child(1)').allTextContents()).toEqual(names.map((_, i) => String(i + 1)));
        for (const p of await rows.locator('td.mono a').allTextContents()) expect(p).toMatch(/^1\d{10}$/);
        const byTrip = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trip-id')));
        expect(new Set(byTrip)).toEqual(new Set(slices.map((x) => x.trip.id)));
        expect((await rows.locator('td:nth-child(4)').allTextContents()).sort()).toEqual(
          slices.flatMap((x) => x.trip.passengers.map(() => x.trip.key)).sort(),
        );
        expect(await leg.locator('ul.run-trips li').allTextContents()).toEqual(
          [...slices]
            .sort((a, b) => (a.trip.key < b.trip.key ? -1 : 1))
            .map((x) => `${x.trip.key}：${x.trip.passengers.length} 人`),
        );
        // The trip's own roll would repeat seat numbers: a trip whose buses are all pooled shows the bus's only.
        if (s.trip.legs.filter((l) => l.mode === 'bus').length === 1)
          expect(await d.page.locator('table.driver-manifest-people').count()).toBe(0);
      }
      expect(await unlabelledControls(d.page)).toEqual([]);
      expect(d.problems).toEqual([]);
      await screenshot(d.page, 'fleet-09-driver-manifest-pooled', 'full');
      await d.page.setViewportSize({ width: 390, height: 844 });
      expect(await sideways(d.page)).toBe(false);
      await screenshot(d.page, 'fleet-10-driver-manifest-pooled-phone', 'full');
    } finally {
      await d.close();
    }
  });
});
