import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/chromium';
import { readyTime, screenshot } from './support/console-page';
import { pagesOf, ROLES, startEveryPageWorld, type EveryPageWorld } from './support/every-page';

jest.setTimeout(300_000);

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
  let w: EveryPageWorld;
  const PHONE = { width: 390, height: 844 };

  beforeAll(async () => {
    w = await startEveryPageWorld();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('fits the sign-in page', async () => {
    const { page } = await w.open(null, 'zh', PHONE);
    await page.goto('/sign-in');
    await readyTime(page, 'sign-in');
    await screenshot(page, 'phone-sign-in', 'full');
    expect(await tooWide(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
  });

  for (const role of ROLES)
    for (const lang of ['zh', 'en'] as const)
      it(`fits every page of the ${role} (${lang})`, async () => {
        const c = await w.open(role, lang, PHONE);
        const { page } = c;
        const found: Record<string, string[]> = {};
        for (const v of pagesOf(w, role)) {
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
        expect(c.problems).toEqual([]);
      });
});
