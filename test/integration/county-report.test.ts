import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { legBearerFen } from '../../src/domain/planning/costing';
import type { PlanLeg } from '../../src/domain/planning/plan-schema';
import { vehicleClassOf, VEHICLE_CLASSES } from '../../src/domain/reporting/county-summary';
import { loadPlannerConfig } from '../../src/reference/load-fixtures';
import { api } from '../support/http';
import { SAMPLE_CSV } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

/**
 * `GET /api/v1/reports/county-summary` (and `.csv`, `.xlsx`) over the sample batch (11 counties, 2–5 March 2020),
 * planned by the real service, with some arrivals confirmed: every figure agrees with what the plan API says.
 */
interface Trip {
  id: string;
  countyCode: string;
  factoryId: string;
  departAt: string;
  arriveAt: string;
  costFen: number;
  legs: PlanLeg[];
  passengers: { workerId: string }[];
}
interface Plan {
  trips: Trip[];
  held: { workerId: string; code: string | null }[];
  totals: {
    workers: number;
    travelling: number;
    held: number;
    costFen: number;
    vehiclesByMode: Record<'bus' | 'train' | 'flight', number>;
  };
}

const TIANZHEN = '140222';
const types = new Map(loadPlannerConfig().vehicleTypes.map((v) => [v.id, v]));
const RANGE = '?from=2020-03-01&to=2020-03-31';

let svc: TestService;
let dispatcher: string;
let plan: Plan;
let counties: string[];
const confirmed = new Map<string, number>();

const report = (key: string, q = RANGE) => api(svc.base, key, 'GET', `/api/v1/reports/county-summary${q}`);
const countyOf = (plan: Plan) => {
  const byWorker = new Map(plan.trips.flatMap((t) => t.passengers.map((p) => [p.workerId, t.countyCode] as const)));
  return byWorker;
};

beforeAll(async () => {
  svc = await startTestService();
  counties = [
    ...new Set(
      (parse(readFileSync(SAMPLE_CSV, 'utf8'), { columns: true }) as { countyCode: string }[]).map((r) => r.countyCode),
    ),
  ];
  dispatcher = await svc.key('dispatcher', counties);
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=sample', readFileSync(SAMPLE_CSV), {
    'content-type': 'text/csv',
  });
  expect(r.status).toBe(202);
  await waitFor(
    'sample planned',
    async () => (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}`)).json?.status === 'planned',
    90_000,
  );
  plan = (await api(svc.base, dispatcher, 'GET', `/api/v1/batches/${r.json.id}/plan`)).json;
  // The factories of the first three trips confirm their passengers, at the trip's arrival.
  for (const t of plan.trips.slice(0, 3)) {
    const factory = await svc.key('enterprise', [t.factoryId]);
    const arrivals = t.passengers.map((p) => ({ workerId: p.workerId, arrivedAt: t.arriveAt }));
    const a = await api(svc.base, factory, 'POST', '/api/v1/arrivals', { arrivals });
    expect(a.status).toBeLessThan(300);
    confirmed.set(t.countyCode, (confirmed.get(t.countyCode) ?? 0) + arrivals.length);
  }
}, 150_000);
afterAll(() => svc?.stop());

describe('county summary API', () => {
  it('when a dispatcher asks for March, then each county’s figures are those of the plan', async () => {
    const r = await report(dispatcher);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json.counties.map((c: { countyCode: string }) => c.countyCode)).toEqual([...counties].sort());
    const tianzhen = r.json.counties.find((c: { countyCode: string }) => c.countyCode === TIANZHEN);
    expect(tianzhen.name).toBe('天镇县');
    const rows = parse(readFileSync(SAMPLE_CSV, 'utf8'), { columns: true }) as { countyCode: string }[];
    expect(plan.totals.workers).toBe(rows.length);
    // Everyone the plan does not seat is held: submitted = moved + held in every county.
    expect(countyOf(plan).size).toBe(plan.totals.travelling);
    for (const c of r.json.counties) {
      const trips = plan.trips.filter((t) => t.countyCode === c.countyCode);
      const moved = trips.reduce((n, t) => n + t.passengers.length, 0);
      expect(c.moved).toBe(moved);
      expect(c.submitted).toBe(rows.filter((w) => w.countyCode === c.countyCode).length);
      expect(c.held.total).toBe(c.submitted - moved);
      expect(c.arrived).toBe(confirmed.get(c.countyCode) ?? 0);
      expect(c.costFen.total).toBe(trips.reduce((n, t) => n + t.costFen, 0));
      const gov = trips.flatMap((t) => t.legs).reduce((n, l) => n + legBearerFen(l).government, 0);
      expect(c.costFen.government).toBe(gov);
      expect(c.costFen.government + c.costFen.employer + c.costFen.worker).toBe(c.costFen.total);
      // Distinct vehicles of the county: a pooled leg once, by its class.
      const seen = new Map<string, string>();
      for (const t of trips)
        t.legs.forEach((l, i) => seen.set(l.vehicleKey ?? `${t.id}#${i}`, vehicleClassOf(l, types)));
      for (const v of VEHICLE_CLASSES) expect(c.vehicles[v]).toBe([...seen.values()].filter((x) => x === v).length);
    }
    const t = r.json.totals;
    expect([t.submitted, t.moved, t.held.total]).toEqual([
      plan.totals.workers,
      plan.totals.travelling,
      plan.totals.held,
    ]);
    expect(t.arrived).toBe([...confirmed.values()].reduce((a, b) => a + b, 0));
    expect(t.costFen.total).toBe(plan.totals.costFen);
    expect(t.arrived).toBeGreaterThan(0);
    // The sample takes buses and trains or flights; a vehicle pooled by counties counts in each, so never fewer.
    const trunk = t.vehicles['special-train'] + t.vehicles['charter-flight'] + t.vehicles['seat-block'];
    expect(trunk).toBeGreaterThan(0);
    expect(t.vehicles.bus).toBeGreaterThanOrEqual(plan.totals.vehiclesByMode.bus);
    expect(trunk).toBeGreaterThanOrEqual(plan.totals.vehiclesByMode.train + plan.totals.vehiclesByMode.flight);
    // Held by code: the plan's held list, code by code.
    for (const [code, n] of Object.entries(t.held.byCode as Record<string, number>))
      expect(n).toBe(plan.held.filter((h) => (h.code ?? 'other') === code).length);
    expect(plan.totals.held).toBeGreaterThan(0);
    // The totals row is the sum of the county rows.
    const sum = (f: (c: typeof t) => number) => r.json.counties.reduce((n: number, c: typeof t) => n + f(c), 0);
    expect(t.vehicles.bus).toBe(sum((c) => c.vehicles.bus));
    expect(t.costFen.worker).toBe(sum((c) => c.costFen.worker));
  });

  it('when arrivals are confirmed, then their subsidies are reported by status, as stored', async () => {
    const stored = await svc.tdb.db
      .selectFrom('subsidies')
      .select(['status', (eb) => eb.fn.sum<string>('amount_fen').as('fen')])
      .groupBy('status')
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    const r = await report(dispatcher);
    for (const s of stored) expect(r.json.totals.subsidyFen[s.status]).toBe(Number(s.fen));
  });

  it('when the range holds no departures or one county is asked for, then only that is counted', async () => {
    const empty = await report(dispatcher, '?from=2020-04-01&to=2020-04-30');
    expect(empty.json.totals.moved).toBe(0);
    expect(empty.json.counties).toHaveLength(counties.length); // the key's counties, each with zeros
    const one = await report(dispatcher, `${RANGE}&county=${TIANZHEN}`);
    expect(one.json.counties.map((c: { countyCode: string }) => c.countyCode)).toEqual([TIANZHEN]);
    expect(one.json.totals.moved).toBe(
      plan.trips.filter((t) => t.countyCode === TIANZHEN).reduce((n, t) => n + t.passengers.length, 0),
    );
  });

  it('when one day is asked for, then the trips leaving on that Beijing day count, whatever their UTC day', async () => {
    const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    const days = [...new Set(plan.trips.map((t) => beijingDay(t.departAt)))].sort();
    expect(days.length).toBeGreaterThan(1);
    let sum = 0;
    for (const day of days) {
      const r = await report(dispatcher, `?from=${day}&to=${day}`);
      const want = plan.trips
        .filter((t) => beijingDay(t.departAt) === day)
        .reduce((n, t) => n + t.passengers.length, 0);
      expect(r.json.totals.moved).toBe(want);
      sum += r.json.totals.moved;
    }
    expect(sum).toBe(plan.totals.travelling);
  });

  it('when days are not calendar days or run backwards, then 422', async () => {
    for (const q of [
      '?from=2020-02-30&to=2020-03-01',
      '?from=2020-03-05&to=2020-03-01',
      '?from=2020-03-01',
      '?from=2019-01-01&to=2020-03-01',
    ]) {
      const r = await report(dispatcher, q);
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('validation_failed');
    }
  });

  it('when a key of one county asks, then it sees only that county, and another county is absent (404)', async () => {
    const finance = await svc.key('finance', [TIANZHEN]);
    const r = await report(finance);
    expect(r.status).toBe(200);
    expect(r.json.counties.map((c: { countyCode: string }) => c.countyCode)).toEqual([TIANZHEN]);
    expect((await report(finance, `${RANGE}&county=653222`)).status).toBe(404);
    expect((await report(finance, `${RANGE}&county=999999`)).status).toBe(404);
    const csv = await api(svc.base, finance, 'GET', `/api/v1/reports/county-summary.csv${RANGE}&county=653222`);
    expect(csv.status).toBe(404);
    const enterprise = await svc.key('enterprise', ['urumqi-etdz-textile']);
    expect((await report(enterprise)).status).toBe(403);
    const admin = await svc.key('admin');
    expect((await report(admin)).json.counties).toHaveLength(counties.length);
  });
});

describe('county summary files', () => {
  it('when downloaded as CSV, then it has a BOM, CRLF, bilingual headings, a row per county, the total', async () => {
    const res = await fetch(`${svc.base}/api/v1/reports/county-summary.csv${RANGE}`, {
      headers: { authorization: `Bearer ${dispatcher}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('county-summary-all-2020-03-01-2020-03-31.csv');
    const buf = Buffer.from(await res.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text).toContain('\r\n');
    const rows = parse(text.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0].slice(0, 6)).toEqual([
      '县代码 County code',
      '县 County',
      '申报人数 Submitted',
      '已运送 Moved',
      '已到岗 Arrived',
      '暂缓 Held',
    ]);
    expect(rows).toHaveLength(1 + counties.length + 1);
    const json = (await report(dispatcher)).json;
    const tz = rows.find((r) => r[0] === TIANZHEN)!;
    const tzJson = json.counties.find((c: { countyCode: string }) => c.countyCode === TIANZHEN);
    expect(tz[1]).toBe('天镇县 Tianzhen County');
    expect(Number(tz[3])).toBe(tzJson.moved);
    const costCol = rows[0].indexOf('费用（元） Cost (yuan)');
    expect(tz[costCol]).toBe((tzJson.costFen.total / 100).toFixed(2));
    const total = rows.at(-1)!;
    expect(total[1]).toBe('总计 Grand total');
    expect(Number(total[2])).toBe(plan.totals.workers);
  });

  it('when downloaded as XLSX, then one sheet holds the same rows, money as numbers', async () => {
    const res = await fetch(`${svc.base}/api/v1/reports/county-summary.xlsx${RANGE}`, {
      headers: { authorization: `Bearer ${dispatcher}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + counties.length + 1);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const last = (ws.getRow(ws.rowCount).values as unknown[]).slice(1);
    expect(last[1]).toBe('总计 Grand total');
    expect(last[header.indexOf('费用（元） Cost (yuan)')]).toBe(plan.totals.costFen / 100);
    expect(last[header.indexOf('已运送 Moved')]).toBe(plan.totals.travelling);
  });

  it('when a county’s name would be a formula, then CSV and XLSX carry it as text with an apostrophe', async () => {
    const name = '=HYPERLINK("http://x","y")';
    const before = await svc.tdb.db
      .selectFrom('counties')
      .select('name')
      .where('code', '=', TIANZHEN)
      .executeTakeFirstOrThrow();
    await svc.tdb.db.updateTable('counties').set({ name }).where('code', '=', TIANZHEN).execute();
    try {
      const q = `${RANGE}&county=${TIANZHEN}`;
      const csv = await api(svc.base, dispatcher, 'GET', `/api/v1/reports/county-summary.csv${q}`);
      const rows = parse(csv.text.replace(/^\uFEFF/, '')) as string[][];
      expect(rows[1][1]).toBe(`'${name} Tianzhen County`);
      const res = await fetch(`${svc.base}/api/v1/reports/county-summary.xlsx${q}`, {
        headers: { authorization: `Bearer ${dispatcher}` },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const cell = wb.worksheets[0].getRow(2).getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(`'${name} Tianzhen County`);
    } finally {
      await svc.tdb.db.updateTable('counties').set({ name: before.name }).where('code', '=', TIANZHEN).execute();
    }
  });
});
