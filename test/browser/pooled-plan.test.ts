import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import { api } from '../support/http';
import { startTestService, waitFor, type TestService } from '../support/test-service';
import { ensureConsoleBuilt } from './support/build-console';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, signIn, unlabelledControls, type ConsolePage } from './support/console-page';

jest.setTimeout(240_000);

/** Three counties of Hotan prefecture (和田市, 墨玉县, 皮山县) with their seats, and how many workers each sends. */
const COUNTIES = [
  { code: '653201', name: '和田市', lon: 79.9135, lat: 37.1121, n: 60 },
  { code: '653222', name: '墨玉县', lon: 79.7287, lat: 37.2771, n: 50 },
  { code: '653223', name: '皮山县', lon: 78.2837, lat: 37.6215, n: 40 },
];
const WORKERS = COUNTIES.reduce((s, c) => s + c.n, 0);

interface Leg {
  kind: string;
  mode: string;
  vehicleKey?: string;
  vehicleLabel?: string;
  capacity: number;
  passengerIds: string[];
  service?: { number: string; estimated: boolean };
}
interface Trip {
  id: string;
  key: string;
  mode: string;
  countyCode: string;
  legs: Leg[];
  modeOptions: { option: string; code: string }[];
}

/** Valid rows for every county, all bound for the one factory on the same morning (so they pool). */
function hotanRows(factoryId: string) {
  return COUNTIES.flatMap((c, k) =>
    Array.from({ length: c.n }, (_, i) => ({
      name: `${c.name}工人${i + 1}`,
      idNumber: makeIdNumber(c.code, `1990${String(1 + (i % 12)).padStart(2, '0')}15`, i + k * 100),
      phone: `139${10_000_000 + k * 1000 + i}`,
      countyCode: c.code,
      village: `${c.name}${(i % 5) + 1}村`,
      lon: +(c.lon + (i % 5) * 0.01).toFixed(5),
      lat: c.lat,
      factoryId,
      healthCode: 'green',
      healthCodeProvince: '65',
      nucleicTestAt: '2020-03-01T09:00:00+08:00',
      registeredPoor: i % 3 === 0,
      earliestDeparture: '2020-03-03T06:00:00+08:00',
    })),
  );
}

/** The trunk vehicle carrying the most counties (a flight if there is one), and the trips aboard it. */
function pooledTrunk(trips: Trip[]) {
  const byKey = new Map<string, { leg: Leg; trips: Trip[] }>();
  for (const t of trips)
    for (const l of t.legs.filter((x) => x.kind === 'trunk' && x.vehicleKey)) {
      const e = byKey.get(l.vehicleKey!) ?? { leg: l, trips: [] };
      e.trips.push(t);
      byKey.set(l.vehicleKey!, e);
    }
  const counties = (e: { trips: Trip[] }) => new Set(e.trips.map((t) => t.countyCode)).size;
  const ranked = [...byKey.entries()].sort(
    ([, a], [, b]) => Number(b.leg.mode === 'flight') - Number(a.leg.mode === 'flight') || counties(b) - counties(a),
  );
  if (!ranked.length) return null;
  const [key, e] = ranked[0];
  const aboard = e.trips.reduce((s, t) => s + t.legs.find((l) => l.vehicleKey === key)!.passengerIds.length, 0);
  const seats = e.trips.reduce((s, t) => s + t.legs.find((l) => l.vehicleKey === key)!.capacity, 0);
  // The console names a vehicle by its label (unique across batches); the key stays its data attribute.
  const label = e.leg.vehicleLabel ?? key;
  return { key, label, leg: e.leg, trips: e.trips, counties: counties(e), aboard, seats };
}

/** Whether the page has fetched the pinyin dictionary's chunk (web/src/lib/pinyin-engine.ts). */
const pinyinFetched = (page: Page): Promise<boolean> =>
  page.evaluate(() =>
    performance.getEntriesByType('resource').some((e) => /\/assets\/pinyin-engine-[\w-]+\.js$/.test(e.name)),
  );

/** Elements reaching past the right edge of the viewport, outside a sideways-scrolling box. */
function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as any;
    const width = w.document.documentElement.clientWidth;
    return [...w.document.querySelectorAll('main *')]
      .filter((el: any) => !el.closest('.scroll-x') && el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 8)
      .map((el: any) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
  });
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

describeInBrowser('console: a pooled chartered flight from three Hotan counties', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  let batchId: string;
  let trunk: NonNullable<ReturnType<typeof pooledTrunk>>;
  let trips: Trip[];

  beforeAll(async () => {
    await ensureConsoleBuilt();
    // `seed`: the national gazetteer and airports, so the Hotan counties and a factory in Dongguan are known.
    svc = await startTestService({ seed: true, now: new Date().toISOString() });
    const admin = await svc.key('admin');
    const factory = await api(svc.base, admin, 'POST', '/api/v1/factories', {
      name: '东莞长安电子厂',
      countyCode: '441900',
      lon: 113.7518,
      lat: 23.0207,
    });
    expect(factory.status).toBe(201);
    key = await svc.key(
      'dispatcher',
      COUNTIES.map((x) => x.code),
    );
    const r = await api(svc.base, key, 'POST', '/api/v1/batches', {
      name: '和田三县赴东莞',
      workers: hotanRows(factory.json.id),
    });
    expect(r.status).toBe(202);
    batchId = r.json.id;
    await waitFor(
      'the Hotan batch planned',
      async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}`)).json.status === 'planned',
      120_000,
    );
    trips = (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json.trips;
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when 150 workers of three counties go to Guangdong, then the plan pools them on one trunk vehicle', () => {
    const found = pooledTrunk(trips);
    if (!found || found.leg.mode !== 'flight')
      console.log(`no pooled flight; mode options: ${JSON.stringify(trips[0]?.modeOptions, null, 1)}`);
    expect(found).not.toBeNull();
    trunk = found!;
    expect(trunk.counties).toBeGreaterThanOrEqual(2);
    expect(trunk.leg.mode).toBe('flight');
    expect(trunk.aboard).toBe(WORKERS);
    expect(trunk.label).toMatch(/^\d{6}-\d{4}-\d{2}$/);
    console.log(
      `${trips.length} trips; trunk ${trunk.key} (${trunk.leg.service?.number}) carries ` +
        `${trunk.aboard}/${trunk.seats} of ` +
        `${trunk.counties} counties in ${trunk.trips.length} trips`,
    );
  });

  it('shows the flight: key, service, counties, feeders, mode options in Chinese (1440×900)', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, key, '/batches');
    await page.goto(`/batches/${batchId}`);
    await readyTime(page, 'plan', 60_000);
    const pool = page.locator(`[data-testid=pool][data-vehicle-key="${trunk.key}"]`);
    await pool.waitFor();
    const head = (await pool.locator('.pool-head').textContent()) ?? '';
    expect(head).toContain(trunk.label);
    expect(head).toContain(`同车 ${trunk.aboard} / ${trunk.seats} 人`);
    expect(head).toContain(`${trunk.trips.length} 个行程`);
    expect(head).toContain(`航班 ${trunk.leg.service!.number}`);
    if (trunk.leg.service!.estimated) expect(await pool.locator('.service .badge').textContent()).toBe('估算');
    // Counties by name (from the national gazetteer), each with its people aboard.
    const served = await pool.locator('.pool-facts dd').first().locator('li').allTextContents();
    expect(served).toEqual(COUNTIES.map((x) => `${x.name} ${x.n}`));
    const feederCounties = await pool
      .locator('table.pool-buses')
      .first()
      .locator('tbody td:nth-child(3)')
      .allTextContents();
    expect(feederCounties.length).toBeGreaterThanOrEqual(2);
    expect(
      new Set(feederCounties.flatMap((s) => COUNTIES.filter((x) => s.includes(x.name)).map((x) => x.name))).size,
    ).toBe(COUNTIES.length);
    expect(await pool.locator('table.pool-buses').last().textContent()).toContain('东莞长安电子厂');

    // Why this mode: every option the planner compared, in Chinese words, never its English text.
    const options = pool.locator('[data-testid=mode-options]');
    await options.locator('summary').click();
    expect(await options.locator('summary').textContent()).toBe('为何选择包机');
    const items = options.locator('li');
    expect(await items.count()).toBe(trunk.trips[0].modeOptions.length);
    expect(await items.first().getAttribute('data-code')).toBe('chosen');
    expect(await items.first().textContent()).toMatch(/^已选包机 \w+→\w+ ×1：约 ¥[\d,]+\.\d\d，门到门 [\d.]+ 小时/);
    for (const o of trunk.trips[0].modeOptions) {
      const li = options.locator(`li[data-option="${o.option}"][data-code="${o.code}"]`);
      expect(await li.count()).toBe(1);
      expect(await li.textContent()).not.toMatch(/pooled|chartered|offer|seats/);
    }
    expect(await unlabelledControls(page)).toEqual([]);
    // The pinyin dictionary is the English console's alone: a Chinese reader never fetches it.
    expect(await pinyinFetched(page)).toBe(false);
    await pool.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: '/tmp/pooled-1440-pool.png' });
    await pool.screenshot({ path: '/tmp/pooled-1440-pool-card.png' });
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/pooled-1440-top.png' });
    expect(c.problems).toEqual([]);
  });

  it('opens a trip of the flight: each leg names its vehicle, sharing, service and crews', async () => {
    const { page } = c;
    const trip = trunk.trips[0];
    const details = page.locator(`details.trip[data-trip-id="${trip.id}"]`);
    await details.locator('summary').click();
    expect(await details.locator('summary .trip-vehicles').textContent()).toContain(trunk.label);
    const cell = details.locator(`td.vehicle-cell[data-vehicle-key="${trunk.key}"]`);
    await cell.waitFor();
    const words = (await cell.textContent()) ?? '';
    expect(words).toContain(`与其他 ${trunk.trips.length - 1} 个行程共用`);
    expect(words).toContain(`同车 ${trunk.aboard} / ${trunk.seats} 人`);
    expect(words).toContain(`航班 ${trunk.leg.service!.number}`);
    const bus = details.locator('td.vehicle-cell .duty').first();
    expect(await bus.textContent()).toMatch(/^(1 名司机|\d 组司机，每组 \d 人) · 驾驶 [\d.]+ 小时/);
    expect(await details.locator('[data-testid=mode-options] li').count()).toBe(trip.modeOptions.length);
    // In Chinese, village pick-ups and home villages keep the names typed.
    expect(await details.locator('td.leg-route').first().textContent()).toMatch(/^\p{Script=Han}+\d村/u);
    expect(await details.locator('td.home-village').first().textContent()).toMatch(/^\p{Script=Han}+\d村$/u);
    await details.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: '/tmp/pooled-1440-trip.png' });
    expect(c.problems).toEqual([]);
  });

  it('prints the manifest by vehicle: keys, the flight service and the trips sharing it', async () => {
    const { page } = c;
    const trip = trunk.trips[0];
    await page.goto(`/batches/${batchId}/trips/${trip.id}/manifest`);
    await readyTime(page, 'manifest');
    const sections = page.locator('section.manifest-leg');
    expect(await sections.count()).toBe(trip.legs.length);
    const flight = page.locator(`section.manifest-leg[data-vehicle-key="${trunk.key}"]`);
    expect(await flight.locator('h3').textContent()).toContain(trunk.label);
    expect(await flight.locator('.vehicle-facts').textContent()).toContain(`航班 ${trunk.leg.service!.number}`);
    // Who else is aboard, by county: one row per county (all bound for the one factory), this trip's county marked.
    expect(await flight.locator('table.aboard tbody tr').count()).toBe(trunk.counties);
    expect(await flight.locator('table.aboard tr.this-trip').getAttribute('data-county')).toBe(trip.countyCode);
    expect(await flight.locator('table.aboard tr.this-trip td').last().textContent()).toBe(
      String(COUNTIES.find((x) => x.code === trip.countyCode)!.n),
    );
    const groups = page.locator('table.manifest-people tr.vehicle-group');
    expect(await groups.first().textContent()).toBe(
      `${trip.legs[0].vehicleKey} 上车 · ${trip.legs[0].passengerIds.length} 人`,
    );
    expect(await text(page, '.vehicle-chain')).toContain(trunk.label);
    await page.screenshot({ path: '/tmp/pooled-1440-manifest.png', fullPage: true });
    expect(c.problems).toEqual([]);
  });

  it('fits a phone (390×844): the pool, an open trip and the manifest', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/pooled-390-manifest.png', fullPage: true });
    expect(await tooWide(page)).toEqual([]);
    await page.goto(`/batches/${batchId}`);
    await readyTime(page, 'plan', 60_000);
    const pool = page.locator(`[data-testid=pool][data-vehicle-key="${trunk.key}"]`);
    await pool.locator('[data-testid=mode-options] summary').click();
    await pool.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: '/tmp/pooled-390-pool.png' });
    await pool.screenshot({ path: '/tmp/pooled-390-pool-card.png' });
    // Nothing wider than the screen but the tables, which scroll inside their own box.
    expect(await tooWide(page)).toEqual([]);
    const details = page.locator(`details.trip[data-trip-id="${trunk.trips[0].id}"]`);
    await details.locator('summary').click();
    await details.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: '/tmp/pooled-390-trip.png' });
    expect(c.problems).toEqual([]);
  });

  it('says the same in English', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: /Pooled trunk vehicles/ }).waitFor();
    const pool = page.locator(`[data-testid=pool][data-vehicle-key="${trunk.key}"]`);
    expect(await pool.locator('.pool-head').textContent()).toContain(`${trunk.aboard} / ${trunk.seats} aboard`);
    // The flight's airports by their English names, not the plan's Chinese ones.
    const route = (await pool.locator('.pool-route').textContent()) ?? '';
    expect(route).toMatch(/Airport/);
    expect(route).not.toMatch(/\p{Script=Han}/u);
    expect(await pool.locator('[data-testid=mode-options] summary').textContent()).toBe(
      'Why this mode: Chartered flight',
    );
    // A trip's legs start at village pick-ups, typed in Chinese: in English they read in pinyin, as do home villages.
    // The phone test above left this trip open, and open trips stay open across the language's re-render: open it
    // only if it is closed, then wait for its legs, which are built when it opens.
    const trip = page.locator(`details.trip[data-trip-id="${trunk.trips[0].id}"]`);
    if ((await trip.getAttribute('open')) === null) await trip.locator('summary').click();
    await trip.locator('td.leg-route').first().waitFor();
    const routes = await trip.locator('td.leg-route').allTextContents();
    expect(routes.length).toBe(trunk.trips[0].legs.length);
    // The first mile: village pick-ups ("皮山县2村": "Pishan County Village 2") to the airport.
    const village = '[A-Z][a-z]+ County Village \\d';
    expect(routes[0]).toMatch(new RegExp(`^${village}( → ${village})* → .*Airport$`));
    expect(routes[0]).not.toMatch(/\p{Script=Han}/u);
    const homes = await trip.locator('td.home-village').allTextContents();
    expect(homes.length).toBeGreaterThan(0);
    for (const v of homes) expect(v).toMatch(new RegExp(`^${village}$`));
    await trip.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: '/tmp/english-plan.png' });
    expect(await pinyinFetched(page)).toBe(true);
    expect(await pool.locator('[data-testid=mode-options] li[data-code=chosen]').textContent()).toMatch(
      /^ChosenChartered flight \w+→\w+ ×1: about ¥[\d,]+\.\d\d, [\d.]+ h door to door/,
    );
    await page.getByRole('button', { name: 'Switch language' }).click();
    expect(c.problems).toEqual([]);
  });
});
