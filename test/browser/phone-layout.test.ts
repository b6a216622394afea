import type { Browser, Page } from 'playwright-core';
import { api } from '../support/http';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, screenshot, signIn, type ConsolePage } from './support/console-page';
import {
  ALL_COUNTIES,
  ALL_FACTORIES,
  confirmAllArrivals,
  plannedSample,
  startConsoleService,
  type PlanJson,
} from './support/scenario';

jest.setTimeout(300_000);

type Role = 'dispatcher' | 'enterprise' | 'finance';
interface Visit {
  name: string;
  url: string;
  ready: string;
}

/** Elements reaching past the right edge of the viewport, outside a deliberate sideways-scrolling box. */
function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as any; // the page's window
    const width = w.document.documentElement.clientWidth;
    // Inside a visually hidden box (1 px, clipped: table heads read aloud but laid out as cards) is not on screen.
    const hidden = (el: any) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const r = a.getBoundingClientRect();
        if (r.width <= 1 && w.getComputedStyle(a).overflow !== 'visible') return true;
      }
      return false;
    };
    return [...w.document.querySelectorAll('body *')]
      .filter((el: any) => !el.closest('.scroll-x') && el.getBoundingClientRect().right > width + 0.5)
      .filter((el: any) => !hidden(el))
      .slice(0, 8)
      .map((el: any) => {
        const words = (el.textContent ?? '').trim().slice(0, 30);
        return `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)} "${words}"`;
      });
  });
}

/** Controls drawn over a table they are not part of (a table's visible box: clipped by its scrolling box). */
function overTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as any; // the page's window
    const main = w.document.querySelector('main');
    const boxOf = (t: any) => {
      const r = t.getBoundingClientRect();
      const clip = t.closest('.scroll-x')?.getBoundingClientRect();
      return clip ? { ...r.toJSON(), left: Math.max(r.left, clip.left), right: Math.min(r.right, clip.right) } : r;
    };
    const tables = [...main.querySelectorAll('table')].map((t: any) => ({ t, r: boxOf(t) }));
    const hits: string[] = [];
    for (const c of main.querySelectorAll('button, input, select, textarea, a.button')) {
      const r = c.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      for (const { t, r: b } of tables)
        if (
          !t.contains(c) &&
          r.left < b.right - 1 &&
          r.right > b.left + 1 &&
          r.top < b.bottom - 1 &&
          r.bottom > b.top + 1
        )
          hits.push(`${c.tagName} "${(c.textContent ?? c.name ?? '').trim().slice(0, 20)}" over table.${t.className}`);
    }
    return hits.slice(0, 8);
  });
}

/** Whether the page itself scrolls sideways (the document wider than the screen). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth > d.clientWidth;
  });

/**
 * Every console page at phone size (390×844) as the role that uses it, on the sample batch: nothing reaches past
 * the right edge but the tables inside their own sideways-scrolling box, and the page never scrolls sideways.
 */
describeInBrowser('console: every page fits a phone (390×844)', () => {
  let svc: TestService;
  let browser: Browser;
  let plan: PlanJson;
  const keys: Record<Role, string> = { dispatcher: '', enterprise: '', finance: '' };
  let listId: string;
  const opened: ConsolePage[] = [];

  beforeAll(async () => {
    svc = await startConsoleService();
    keys.dispatcher = await svc.key('dispatcher', ALL_COUNTIES);
    keys.enterprise = await svc.key('enterprise', ALL_FACTORIES);
    keys.finance = await svc.key('finance', ALL_COUNTIES);
    plan = await plannedSample(svc, keys.dispatcher);
    await confirmAllArrivals(svc, keys.enterprise, plan);
    const list = await api(svc.base, keys.finance, 'POST', '/api/v1/subsidy-lists', {
      county: plan.trips[0].countyCode,
    });
    expect(list.status).toBe(201);
    listId = list.json.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
    await browser?.close();
    await svc?.stop();
  });

  const pagesOf = (role: Role): Visit[] => {
    // A trip sharing its trunk vehicle with others, so the plan shows its pooled-vehicle cards.
    const trip = plan.trips[0];
    const b = plan.batchId;
    const reports = { name: 'reports', url: '/reports?from=2020-02-01&to=2020-03-31', ready: 'reports' };
    if (role === 'dispatcher')
      return [
        { name: 'batches', url: '/batches', ready: 'batches' },
        { name: 'plan', url: `/batches/${b}`, ready: 'plan' },
        { name: 'manifest', url: `/batches/${b}/trips/${trip.id}/manifest`, ready: 'manifest' },
        { name: 'notices', url: `/batches/${b}/trips/${trip.id}/notices`, ready: 'pickup-notices' },
        { name: 'boarding', url: `/batches/${b}/trips/${trip.id}/boarding`, ready: 'boarding' },
        { name: 'factories', url: '/factories', ready: 'factories' },
        reports,
      ];
    if (role === 'enterprise')
      return [
        { name: 'arrivals', url: '/arrivals', ready: 'arrivals' },
        // Everybody has arrived by now: this tab holds the rows, with their buttons.
        { name: 'arrivals-arrived', url: '/arrivals?tab=arrived', ready: 'arrivals' },
        { name: 'arrivals-no-show', url: '/arrivals?tab=no-show', ready: 'arrivals' },
        { name: 'factories', url: '/factories', ready: 'factories' },
      ];
    return [
      { name: 'subsidies', url: '/subsidies', ready: 'subsidies' },
      { name: 'batches', url: '/batches', ready: 'batches' },
      { name: 'plan', url: `/batches/${b}`, ready: 'plan' },
      { name: 'subsidy-lists', url: '/subsidy-lists', ready: 'subsidy-lists' },
      { name: 'subsidy-list', url: `/subsidy-lists/${listId}`, ready: 'subsidy-list' },
      reports,
    ];
  };

  const phone = async (): Promise<Page> => {
    const c = await openConsole(browser, svc.base);
    opened.push(c);
    await c.page.setViewportSize({ width: 390, height: 844 });
    return c.page;
  };

  it('fits the sign-in page', async () => {
    const page = await phone();
    await page.goto('/sign-in');
    await readyTime(page, 'sign-in');
    await screenshot(page, 'phone-sign-in', 'full');
    expect(await tooWide(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
  });

  for (const role of ['dispatcher', 'enterprise', 'finance'] as const)
    for (const lang of ['zh', 'en'] as const)
      it(`fits every page of the ${role} (${lang})`, async () => {
        const page = await phone();
        await signIn(page, keys[role], pagesOf(role)[0].url.split('?')[0]);
        if (lang === 'en') await page.getByRole('button', { name: '切换语言' }).click();
        const found: Record<string, string[]> = {};
        for (const v of pagesOf(role)) {
          await page.goto(v.url);
          await readyTime(page, v.ready, 60_000);
          // Open trips and other folded parts: their contents must fit too.
          await page.evaluate(() => {
            for (const d of (globalThis as any).document.querySelectorAll('main details')) d.open = true;
          });
          await screenshot(page, `phone-${role}-${lang}-${v.name}`);
          if (v.name === 'plan') await screenshot(page, `phone-${role}-${lang}-plan-map`, page.locator('.map-figure'));
          const wide = await tooWide(page);
          if (wide.length || (await scrollsSideways(page))) found[v.name] = wide.length ? wide : ['page scrolls'];
          const over = await overTables(page);
          if (over.length) found[`${v.name} (overlaps)`] = over;
        }
        expect(found).toEqual({});
        expect(opened[opened.length - 1].problems).toEqual([]);
      });
});
