/**
 * The two dialogs the every-page walk never opens, checked with axe-core (WCAG 2.1 A and AA) while open, in
 * Chinese and in English: the boarding page's family dialog (a failed check asks about the family aboard) and
 * the finance pay dialog. By keyboard: the focus goes into the dialog, stays there, Escape closes it without doing
 * anything, and the focus returns to the button that opened it. The crew dialog's refusal is worded by its reason.
 */
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/http';
import type { TestService } from '../support/test-service';
import { axeFindings, describeFindings } from './support/axe';
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
  confirmAllArrivals,
  plannedSample,
  startConsoleService,
  type PlanJson,
} from './support/scenario';

jest.setTimeout(240_000);

interface Passenger {
  workerId: string;
  name: string;
  familyId: string | null;
}
interface Trip {
  id: string;
  key: string;
  label: string | null;
  countyCode: string;
  passengers: Passenger[];
  legs: { seq: number; mode: string }[];
}

const LANGS = ['zh', 'en'] as const;
type Lang = (typeof LANGS)[number];

/** Whether the focus is inside the page's open dialog, and which control holds it. */
const focusInDialog = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as any).document.activeElement;
    return { inside: !!active?.closest('dialog[open]'), text: String(active?.textContent ?? '').trim() };
  });

/** Whether `el` holds the focus. */
const focused = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => el === (globalThis as any).document.activeElement);

describeInBrowser('console: the family and pay dialogs, accessible and by keyboard (axe-core, WCAG 2.1 AA)', () => {
  let svc: TestService;
  let browser: Browser;
  let dispatcher: string;
  let plan: PlanJson;
  let trip: Trip;
  let family: Passenger[];
  let crewTrip: Trip;
  const opened: ConsolePage[] = [];

  /** A console signed in with `key` (landing at the role's `home`), in `lang`, at `url`. */
  const openAs = async (key: string, home: string, lang: Lang, url: string, size = { width: 390, height: 844 }) => {
    const c = await openConsole(browser, svc.base);
    opened.push(c);
    await c.page.setViewportSize(size);
    await signIn(c.page, key, home);
    if (lang === 'en') await c.page.getByRole('button', { name: '切换语言' }).click();
    await c.page.goto(url);
    return c;
  };

  beforeAll(async () => {
    // Before the sample's trips leave, so the door takes checks; the finance part moves the clock on.
    svc = await startConsoleService(BEFORE_SAMPLE_DEPARTS);
    dispatcher = await svc.key('dispatcher', ALL_COUNTIES);
    plan = await plannedSample(svc, dispatcher);
    const full = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${plan.batchId}/plan`)).json as {
      trips: Trip[];
    };
    for (const t of full.trips) {
      const byFamily = new Map<string, Passenger[]>();
      for (const p of t.passengers) if (p.familyId) byFamily.set(p.familyId, [...(byFamily.get(p.familyId) ?? []), p]);
      const found = [...byFamily.values()].find((f) => f.length >= 2);
      if (found) {
        trip = t;
        family = found;
        break;
      }
    }
    if (!trip) throw new Error('the sample plan has no trip with a family of two or more');
    const road = full.trips.find((t) => t.legs.some((l) => l.mode === 'bus') && t.passengers.length >= 2);
    if (!road) throw new Error('the sample plan has no bus trip of two or more');
    crewTrip = road;
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
    await browser?.close();
    await svc?.stop();
  });

  for (const lang of LANGS)
    it(`opens the family dialog: no serious finding, by keyboard, Escape records nothing (${lang})`, async () => {
      const c = await openAs(dispatcher, '/batches', lang, `/batches/${plan.batchId}/trips/${trip.id}/boarding`);
      const { page } = c;
      await readyTime(page, 'boarding');
      const [sick] = family;
      const card = page.locator(`.check-card[data-worker-id="${sick.workerId}"]`);
      await card.getByLabel(lang === 'zh' ? /体温/ : /Temperature/).fill('38.4');
      const send = card.getByRole('button', { name: lang === 'zh' ? '提交检查' : 'Record check' });
      await send.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', {
        name: lang === 'zh' ? `${sick.name}未通过登车检查` : `${sick.name} failed the boarding check`,
      });
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
      // The focus is inside, on the default (the family stays off together), and Tab keeps it inside.
      const first = await focusInDialog(page);
      expect(first.inside).toBe(true);
      expect(first.text).toMatch(lang === 'zh' ? /全家一起留下/ : /The family stays off together/);
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        expect((await focusInDialog(page)).inside).toBe(true);
      }
      expect(await unlabelledControls(page)).toEqual([]);
      expect(describeFindings(`boarding + family dialog (${lang})`, await axeFindings(page))).toEqual([]);
      const shot = await screenshot(page, `dialog-family-${lang}`);
      await page.screenshot({ path: `/tmp/dialog-family-${lang}.png` });
      expect(shot).toBeTruthy();
      // Escape: the dialog leaves, nothing is sent, the focus is back on the button that opened it.
      await page.keyboard.press('Escape');
      await page.locator('[data-testid=family-dialog]').waitFor({ state: 'detached' });
      expect(await send.evaluate((b) => b === (globalThis as any).document.activeElement)).toBe(true);
      expect(await card.getAttribute('data-state')).toBe('pending');
      const door = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/boarding`);
      expect(door.json.checks).toEqual([]);
      expect(c.problems).toEqual([]);
    });

  it('words a crew refusal by its reason: the vehicle too small names its plate and seats', async () => {
    const bus = crewTrip.legs.find((l) => l.mode === 'bus')!;
    const county = { countyCode: crewTrip.countyCode };
    const op = await api(svc.base, dispatcher, 'POST', '/api/v1/fleet/operators', { ...county, name: '小车客运' });
    expect(op.status).toBe(201);
    const operatorId = op.json.id as string;
    const small = { ...county, operatorId, plate: '晋A00002', vehicleType: '小轿车', seats: 1 };
    expect((await api(svc.base, dispatcher, 'POST', '/api/v1/fleet/vehicles', small)).status).toBe(201);
    const driver = { ...county, operatorId, name: '赵师傅', licence: '140222198001019999', phone: '13700002222' };
    expect((await api(svc.base, dispatcher, 'POST', '/api/v1/fleet/drivers', driver)).status).toBe(201);
    const c = await openAs(dispatcher, '/batches', 'zh', `/batches/${plan.batchId}`, { width: 1366, height: 900 });
    const { page } = c;
    await readyTime(page, 'plan', 60_000);
    const item = page.locator(`details.trip[data-trip-id="${crewTrip.id}"]`);
    await item.locator('summary').click();
    await item.getByRole('button', { name: /^派车派司机/ }).click();
    const leg = page.getByTestId('crew-dialog').locator(`fieldset.crew-leg[data-leg-seq="${bus.seq}"]`);
    await leg.waitFor();
    await leg.getByLabel('车辆').selectOption({ label: '晋A00002 · 小轿车 · 1 座' });
    await leg.getByLabel(/赵师傅/).check();
    await leg.getByRole('button', { name: '保存本段' }).click();
    const said = leg.locator('[data-reason=vehicle_too_small]');
    await said.waitFor();
    // The catalogue's words for the reason, with the plate: not the old words for the code alone.
    expect(await said.textContent()).toMatch(/晋A00002/);
    expect(await said.textContent()).toMatch(/只有 1 个座位/);
    expect(describeFindings('plan + crew dialog refused', await axeFindings(page))).toEqual([]);
    expect(c.problems).toEqual([]);
  });

  describe('the pay dialog', () => {
    let listId: string;
    let cashier: string;

    beforeAll(async () => {
      // Now: everyone has arrived and is employed; a list made, published (no notice here) and approved.
      svc.clock.set(new Date());
      await confirmAllArrivals(svc, await svc.key('enterprise', ALL_FACTORIES), plan);
      const maker = await svc.key('finance', ALL_COUNTIES);
      const checker = await svc.key('finance', ALL_COUNTIES);
      cashier = await svc.key('finance', ALL_COUNTIES);
      const made = await api(svc.base, maker, 'POST', '/api/v1/subsidy-lists', { county: trip.countyCode });
      if (made.status !== 201) throw new Error(`subsidy list refused: ${made.status} ${made.text}`);
      listId = made.json.id;
      expect((await api(svc.base, maker, 'POST', `/api/v1/subsidy-lists/${listId}/publish`)).status).toBe(200);
      expect((await api(svc.base, checker, 'POST', `/api/v1/subsidy-lists/${listId}/approve`)).status).toBe(200);
    });

    for (const lang of LANGS)
      it(`opens with no serious finding, by keyboard, and Escape pays nothing (${lang})`, async () => {
        const c = await openAs(cashier, '/subsidies', lang, `/subsidy-lists/${listId}`, { width: 1366, height: 900 });
        const { page } = c;
        await readyTime(page, 'subsidy-list');
        const pay = page.getByRole('button', { name: lang === 'zh' ? '确认发放' : 'Mark paid' });
        await pay.focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: lang === 'zh' ? '确认发放补贴' : 'Confirm the payment' });
        await dialog.waitFor();
        const reference = dialog.getByLabel(lang === 'zh' ? '付款凭证号' : 'Payment reference');
        expect(await reference.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
        for (let i = 0; i < 4; i++) {
          await page.keyboard.press('Tab');
          expect((await focusInDialog(page)).inside).toBe(true);
        }
        expect(describeFindings(`subsidy list + pay dialog (${lang})`, await axeFindings(page))).toEqual([]);
        // Sent empty: the problem is said in the dialog, the field marked, and axe still finds nothing.
        await dialog.getByRole('button', { name: lang === 'zh' ? '记录发放' : 'Record the payment' }).click();
        await dialog.locator('.status-line.bad[role=alert]').waitFor();
        expect(await reference.getAttribute('aria-invalid')).toBe('true');
        expect(await focused(page, '[data-testid=pay-dialog] input[name=paymentReference]')).toBe(true);
        expect(describeFindings(`pay dialog with its problem (${lang})`, await axeFindings(page))).toEqual([]);
        await page.screenshot({ path: `/tmp/dialog-pay-${lang}.png` });
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        expect(await pay.evaluate((b) => b === (globalThis as any).document.activeElement)).toBe(true);
        const after = await api(svc.base, cashier, 'GET', `/api/v1/subsidy-lists/${listId}`);
        expect(after.json.status).toBe('approved');
        expect(c.problems).toEqual([]);
      });
  });
});
