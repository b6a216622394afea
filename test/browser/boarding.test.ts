/**
 * Boarding at the door, on a phone (390×844) and a tablet (1024×768), against the real service: one passenger
 * passes, one fails with their family aboard (the family stays off), one fails and the others travel; the plan
 * afterwards holds them and frees their seats; a trip that has arrived refuses, in Chinese and in English.
 */
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/http';
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
  BEFORE_SAMPLE_DEPARTS,
  plannedSample,
  startConsoleService,
} from './support/scenario';

jest.setTimeout(240_000);

interface Passenger {
  workerId: string;
  name: string;
  familyId: string | null;
  checks: { boarding: { passed: boolean } | null };
}
interface Trip {
  id: string;
  key: string;
  seatsUsed: number;
  capacity: number;
  passengers: Passenger[];
}
interface Plan {
  batchId: string;
  trips: Trip[];
  held: { workerId: string; code: string }[];
}

/** Families of a trip with at least two members aboard. */
const familiesOf = (trip: Trip): Passenger[][] => {
  const m = new Map<string, Passenger[]>();
  for (const p of trip.passengers) if (p.familyId) m.set(p.familyId, [...(m.get(p.familyId) ?? []), p]);
  return [...m.values()].filter((f) => f.length >= 2);
};

/** No sideways scroll: the page is no wider than the window. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

/** Buttons, links, selects, inputs and toggles of the door page smaller than 44 × 44 px. */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as any;
    const els = [
      ...w.document.querySelectorAll('.door button, .door a, .door select, .door input.temperature, .toggle'),
    ];
    return els
      .map((el: any) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }: any) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(({ el, r }: any) => `${el.outerHTML.slice(0, 80)} ${Math.round(r.width)}×${Math.round(r.height)}`);
  });

describeInBrowser('console: boarding checks at the vehicle door', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  let plan: Plan;
  let trip: Trip;
  let single: Passenger;
  let held: Passenger[];
  let travel: Passenger[];
  const card = (p: Passenger) => c.page.locator(`.check-card[data-worker-id="${p.workerId}"]`);
  const status = () => c.page.locator('.door-bar .status-line');
  const count = (k: string) => c.page.locator(`.door-count[data-count=${k}] dd`);
  const getPlan = async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json as Plan;

  beforeAll(async () => {
    // Before the sample's trips leave: a departed trip takes no check at the door (409 trip_departed).
    svc = await startConsoleService(BEFORE_SAMPLE_DEPARTS);
    key = await svc.key('dispatcher', ALL_COUNTIES);
    plan = (await plannedSample(svc, key)) as unknown as Plan;
    // A trip with two families aboard and someone travelling alone.
    const found = plan.trips.find((x) => familiesOf(x).length >= 2 && x.passengers.some((p) => !p.familyId));
    if (!found) throw new Error('the sample plan has no trip with two families and a single traveller');
    trip = found;
    [held, travel] = familiesOf(trip);
    single = trip.passengers.find((p) => !p.familyId)!;
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
    await c.page.setViewportSize({ width: 390, height: 844 });
    await signIn(c.page, key, '/batches');
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('is linked from the trip in the plan and from its manifest', async () => {
    const { page } = c;
    await page.goto(`/batches/${plan.batchId}`);
    await readyTime(page, 'plan', 60_000);
    const item = page.locator(`details.trip[data-trip-id="${trip.id}"]`);
    await item.locator('summary').click();
    await item.getByRole('link', { name: '乘车名单' }).first().waitFor();
    expect(await item.getByRole('link', { name: '登车检查' }).getAttribute('href')).toBe(
      `/batches/${plan.batchId}/trips/${trip.id}/boarding`,
    );
    await page.goto(`/batches/${plan.batchId}/trips/${trip.id}/manifest`);
    await readyTime(page, 'manifest');
    await page.getByRole('link', { name: '登车检查' }).click();
    console.log(`boarding page after the manifest: ${await readyTime(page, 'boarding')} ms`);
    expect(await page.locator('.check-card[data-state=pending]').count()).toBe(trip.passengers.length);
    expect(await count('remaining').textContent()).toBe(String(trip.passengers.length));
    expect(await count('takenOff').textContent()).toBe('0');
  });

  it('fits a phone: labelled controls, targets of 44 px or more, no sideways scroll', async () => {
    const { page } = c;
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    // The family's cards are marked: each names the others.
    const other = held.find((p) => p !== held[0])!;
    expect(await card(held[0]).locator('.check-family').textContent()).toContain(other.name);
    await screenshot(page, 'boarding-01-phone');
  });

  it('passes one passenger: boarded, the seat stays taken', async () => {
    const { page } = c;
    await card(single).getByLabel(/体温/).fill('36.5');
    expect(await card(single).locator('.verdict').textContent()).toBe('符合登车条件');
    await card(single).getByRole('button', { name: '提交检查' }).click();
    await status().filter({ hasText: '已记录 1 人的检查：1 人登车，0 人劝离。' }).waitFor();
    await page.locator(`.check-card[data-worker-id="${single.workerId}"][data-state=passed]`).waitFor();
    expect(await card(single).locator('.check-result').textContent()).toContain('36.5 °C');
    expect(await count('boarded').textContent()).toBe('1');
    // The next passenger's temperature has the focus.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.className)).toBe('temperature');
  });

  it('fails one of a family sent together: asked, the family stays off together, their seats are freed', async () => {
    const { page } = c;
    const [sick, ...family] = held;
    await card(sick).getByLabel(/体温/).fill('38.2');
    expect(await card(sick).locator('.verdict').textContent()).toBe('将不通过：发热 38.2 °C');
    for (const p of family) await card(p).getByLabel(/体温/).fill('36.5');
    const group = page.locator(`.family-group[data-family="${sick.familyId}"]`);
    await group.getByRole('button', { name: `提交全家检查（${held.length} 人）` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(family[0].name);
    // Modal: the page behind takes no clicks or focus until the dispatcher answers.
    expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
    const stay = dialog.getByRole('button', { name: /全家一起留下/ });
    expect(await stay.evaluate((b) => b === (globalThis as any).document.activeElement)).toBe(true);
    await screenshot(page, 'boarding-02-family-dialog');
    await stay.click();
    await status()
      .filter({ hasText: `已记录 ${held.length} 人的检查：0 人登车，${held.length} 人劝离。` })
      .waitFor();
    expect(await status().textContent()).toContain(`空出 ${held.length} 个座位`);
    const off = page.locator('[data-testid=taken-off] li');
    expect(await off.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-worker-id')).sort())).toEqual(
      held.map((p) => p.workerId).sort(),
    );
    expect(await off.filter({ hasText: sick.name }).textContent()).toContain('检查未通过：发热 38.2 °C');
    expect(await off.filter({ hasText: family[0].name }).getAttribute('data-held')).toBe('family');
    for (const p of held) expect(await card(p).count()).toBe(0);
    expect(await count('takenOff').textContent()).toBe(String(held.length));
    const free = trip.capacity - trip.seatsUsed + held.length;
    expect(await count('free').textContent()).toMatch(new RegExp(`^${free} `));
    await screenshot(page, 'boarding-03-family-held');
    await screenshot(page, 'boarding-03-taken-off', page.locator('[data-testid=taken-off]'));
  });

  it('fails one without a mask and lets the others travel', async () => {
    const { page } = c;
    const [bare, ...others] = travel;
    await card(bare).getByLabel(/体温/).fill('36.6');
    await card(bare).locator('label.toggle', { hasText: '未戴' }).click();
    expect(await card(bare).locator('.verdict').textContent()).toBe('将不通过：未戴口罩');
    await card(bare).getByRole('button', { name: '提交检查' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /其他家人继续乘车/ })
      .click();
    await status().filter({ hasText: '已记录 1 人的检查：0 人登车，1 人劝离。' }).waitFor();
    expect(await card(bare).count()).toBe(0);
    for (const p of others) expect(await card(p).getAttribute('data-state')).toBe('pending');
    expect(await count('takenOff').textContent()).toBe(String(held.length + 1));
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });

  it('leaves the plan with them held and their seats freed; a reload shows every result', async () => {
    const after = await getPlan();
    const code = new Map(after.held.map((x) => [x.workerId, x.code]));
    expect(code.get(held[0].workerId)).toBe('boarding-check-failed');
    for (const p of held.slice(1)) expect(code.get(p.workerId)).toBe('family-member-held');
    expect(code.get(travel[0].workerId)).toBe('boarding-check-failed');
    const now = after.trips.find((x) => x.id === trip.id)!;
    expect(now.seatsUsed).toBe(trip.seatsUsed - held.length - 1);
    const aboard = new Set(now.passengers.map((p) => p.workerId));
    for (const p of [...held, travel[0]]) expect(aboard.has(p.workerId)).toBe(false);
    for (const p of travel.slice(1)) expect(aboard.has(p.workerId)).toBe(true);
    expect(now.passengers.find((p) => p.workerId === single.workerId)?.checks.boarding?.passed).toBe(true);

    const { page } = c;
    await page.reload();
    await readyTime(page, 'boarding');
    expect(await page.locator('[data-testid=taken-off] li').count()).toBe(held.length + 1);
    expect(await card(single).getAttribute('data-state')).toBe('passed');
    expect(await count('remaining').textContent()).toBe(String(now.passengers.length - 1));
  });

  it('shows the refusal of a trip that has arrived, in Chinese and in English', async () => {
    const { page } = c;
    const enterprise = await svc.key('enterprise', ALL_FACTORIES);
    // Long after the trip: it has arrived, and an arrival is recorded for it.
    svc.clock.set(new Date());
    const arrivedAt = svc.clock.now().toISOString();
    const r = await api(svc.base, enterprise, 'POST', '/api/v1/arrivals', {
      arrivals: [{ workerId: single.workerId, arrivedAt }],
    });
    expect(r.status).toBe(200);
    const next = travel[1];
    await card(next).getByLabel(/体温/).fill('36.4');
    await card(next).getByRole('button', { name: '提交检查' }).click();
    const alert = status().getByRole('alert');
    await alert.filter({ hasText: '这趟车已到达，登车检查已关闭，本次检查未记录。' }).waitFor();
    expect(await alert.getAttribute('data-code')).toBe('boarding_closed');
    await screenshot(page, 'boarding-04-refused-zh');

    await page.getByRole('button', { name: '切换语言' }).click();
    await readyTime(page, 'boarding');
    expect(await page.locator('h1').textContent()).toContain('Boarding checks');
    expect(await unlabelledControls(page)).toEqual([]);
    await card(next)
      .getByLabel(/Temperature/)
      .fill('36.4');
    await card(next).getByRole('button', { name: 'Record check' }).click();
    await status()
      .getByRole('alert')
      .filter({ hasText: 'This trip has arrived: boarding is closed, and this check was not recorded.' })
      .waitFor();
    await screenshot(page, 'boarding-05-refused-en');
  });

  it('fits a tablet at 1024×768', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.reload();
    await readyTime(page, 'boarding');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'boarding-06-tablet');
    expect(c.problems).toEqual([]);
  });
});
