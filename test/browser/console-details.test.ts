import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { TestService } from '../support/test-service';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, screenshot, signIn, type ConsolePage } from './support/console-page';
import { contrastRatio } from './support/contrast';
import { ALL_COUNTIES, plannedSample, startConsoleService, type PlanJson } from './support/scenario';

jest.setTimeout(240_000);

/** What the focused element is, and whether a sighted user sees it (or, for a hidden input, its outlined label). */
const focusedSeen = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as any; // the page's window
    const el = w.document.activeElement;
    const shown = (x: any) => {
      const r = x.getBoundingClientRect();
      const cs = w.getComputedStyle(x);
      return r.width >= 8 && r.height >= 8 && cs.visibility === 'visible' && Number(cs.opacity) > 0;
    };
    const label = el?.labels?.[0];
    return {
      what: `${el?.tagName}#${el?.id}.${el?.className} ${(el?.textContent ?? '').trim().slice(0, 30)}`,
      tag: el?.tagName as string,
      testId: el?.dataset?.testid as string | undefined,
      inUpload: !!el?.closest?.('form[aria-labelledby=upload-title]'),
      visible: !!el && el !== w.document.body && shown(el),
      labelOutlined: !!label && shown(label) && w.getComputedStyle(label).outlineStyle !== 'none',
    };
  });

/**
 * The smaller console details of issue 14: the CSV template and help, the upload's Tab order, the mode badges'
 * contrast, the route map's zoom, labels and click-through to trips; every date with its year.
 */
describeInBrowser('console: template, Tab order, badge contrast, the map (1366×900)', () => {
  let svc: TestService;
  let browser: Browser;
  let plan: PlanJson;
  let c: ConsolePage;

  beforeAll(async () => {
    svc = await startConsoleService();
    const key = await svc.key('dispatcher', ALL_COUNTIES);
    plan = await plannedSample(svc, key);
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
    await signIn(c.page, key, '/batches');
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('lands every Tab stop of the batches page on a visible control; the upload starts at its template', async () => {
    const { page } = c;
    await page.goto('/batches');
    await readyTime(page, 'batches');
    const stops: ReturnType<typeof focusedSeen> extends Promise<infer T> ? T[] : never = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focusedSeen(page);
      if (f.tag === 'BODY') break;
      stops.push(f);
    }
    expect(stops.length).toBeGreaterThan(5);
    // Every stop is seen: the control itself, or the file input's label drawn with the focus ring.
    expect(stops.filter((f) => !f.visible && !f.labelOutlined).map((f) => f.what)).toEqual([]);
    // The upload panel's first stop is its template button, not the hidden file input.
    const upload = stops.filter((f) => f.inUpload);
    expect(upload[0]).toMatchObject({ testId: 'csv-template', visible: true });
    expect(upload.find((f) => f.tag === 'INPUT' && !f.visible)).toMatchObject({ labelOutlined: true });
    await page.getByTestId('csv-template').focus();
    await screenshot(page, 'details-upload-first-tab');
  });

  it('downloads a CSV template with the Chinese headings and shows how to fill it in', async () => {
    const { page } = c;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-template').click()]);
    expect(download.suggestedFilename()).toBe('返岗人员名单模板.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF姓名,身份证号,手机号,县区代码,村,经度,纬度,企业编号,健康码,')).toBe(true);
    const help = page.getByTestId('csv-help');
    await help.locator('summary').click();
    expect(await help.textContent()).toContain('必填：姓名、身份证号');
    await screenshot(page, 'details-upload-help', page.locator('form[aria-labelledby=upload-title]'));
    expect(c.problems).toEqual([]);
  });

  it('gives every mode badge a contrast of at least 4.5:1, from the colours the browser computes', async () => {
    const { page } = c;
    await page.goto(`/batches/${plan.batchId}`);
    await readyTime(page, 'plan', 60_000);
    // The plan's own badges, and one of each mode (the sample has no flight) drawn by the same style sheet.
    const colours = await page.evaluate(() => {
      const w = globalThis as any; // the page's window
      const probe = w.document.createElement('div');
      probe.className = 'panel';
      for (const m of ['bus', 'train', 'flight']) {
        const b = w.document.createElement('span');
        b.className = `badge ${m}`;
        b.textContent = m;
        probe.append(b);
      }
      w.document.querySelector('main').append(probe);
      const found = [...w.document.querySelectorAll('.badge.bus, .badge.train, .badge.flight')].map((b: any) => {
        const cs = w.getComputedStyle(b);
        return { mode: b.className, fg: cs.color, bg: cs.backgroundColor };
      });
      probe.remove();
      return found;
    });
    expect(new Set(colours.map((x) => x.mode))).toEqual(new Set(['badge bus', 'badge train', 'badge flight']));
    const low = colours
      .map((x) => ({ ...x, ratio: Math.round(contrastRatio(x.fg, x.bg) * 100) / 100 }))
      .filter((x) => x.ratio < 4.5);
    expect(low).toEqual([]);
    const bus = colours.find((x) => x.mode === 'badge bus')!;
    console.log(`bus badge ${bus.fg} on ${bus.bg}: ${contrastRatio(bus.fg, bus.bg).toFixed(2)}:1`);
  });

  it('zooms the map, names the counties and factories, and opens a trip when its route is clicked', async () => {
    const { page } = c;
    const map = page.getByTestId('plan-map');
    const counties = new Set(plan.trips.map((t) => t.countyCode));
    const labelled = await map
      .locator('text.county-label')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-county')));
    expect(new Set(labelled)).toEqual(counties);
    expect(await map.locator('text.factory-label').count()).toBe(new Set(plan.trips.map((t) => t.factoryId)).size);
    expect((await map.locator('text.county-label').first().textContent())?.trim()).toMatch(/[县市区旗]$/);

    const viewBox = () => map.getAttribute('viewBox');
    expect(await viewBox()).toBe('0 0 960 720');
    await page.getByRole('button', { name: '放大地图' }).click();
    expect(await viewBox()).toBe('240 180 480 360');
    await page.getByRole('button', { name: '放大地图' }).click();
    expect(await viewBox()).toBe('360 270 240 180');
    await page.getByRole('button', { name: '缩小地图' }).click();
    expect(await viewBox()).toBe('240 180 480 360');
    await page.getByRole('button', { name: '还原缩放' }).click();
    expect(await viewBox()).toBe('0 0 960 720');
    expect(await page.getByRole('button', { name: '缩小地图' }).isDisabled()).toBe(true);

    // Fit to the plan, find a point on a route and click it where it lies on screen, as a user would.
    await page.getByRole('button', { name: '方案范围' }).click();
    const hit = await map.evaluate((svg: any) => {
      const w = globalThis as any;
      for (const path of svg.querySelectorAll('path.leg-hit')) {
        const len = path.getTotalLength();
        const pt = path.getPointAtLength(len / 2);
        const m = path.getScreenCTM();
        const x = pt.x * m.a + pt.y * m.c + m.e,
          y = pt.x * m.b + pt.y * m.d + m.f;
        const top = w.document.elementFromPoint(x, y)?.closest('[data-trip]');
        if (top) return { x, y, trip: top.getAttribute('data-trip') as string };
      }
      return null;
    });
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    const details = page.locator(`details.trip[data-trip-id="${hit!.trip}"]`);
    await expect(details.getAttribute('open')).resolves.toBe('');
    await details.locator('table.passengers tbody tr').first().waitFor();
    expect(await details.evaluate((el) => el.getBoundingClientRect().top < (globalThis as any).innerHeight)).toBe(true);
    expect(await map.locator(`path.leg.on[data-trip="${hit!.trip}"]`).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '放大地图' }).click();
    await map.evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'details-map-zoomed', page.locator('.map-figure'));
    expect(c.problems).toEqual([]);
  });

  it('shows dates with their year in Beijing time (the trip list and the manifest)', async () => {
    const { page } = c;
    const trip = plan.trips[0];
    await page.goto(`/batches/${plan.batchId}/trips/${trip.id}/manifest`);
    await readyTime(page, 'manifest');
    const times = await page.locator('td.time').allTextContents();
    const dated = times.filter((x) => x.trim() !== '—');
    expect(dated.length).toBeGreaterThan(0);
    for (const x of dated) expect(x.trim()).toMatch(/^20\d\d-\d\d-\d\d \d\d:\d\d$/);
    expect(c.problems).toEqual([]);
  });
});
