import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { api } from '../support/http';
import { SAMPLE_CSV, workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

const places = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/places.json'), 'utf8')) as {
  counties: { code: string }[];
};
const ALL_COUNTIES = places.counties.map((c) => c.code);

interface PlanTrip {
  id: string;
  key: string;
  label: string | null;
  countyCode: string;
  legs: { vehicleLabel?: string; stops: { boarding: string[] }[] }[];
  passengers: { workerId: string; name: string; phone: string | null }[];
}

let svc: TestService;
let dispatcher: string;
let batchId: string;
let trips: PlanTrip[];
const samplePhones = new Set(
  (parse(readFileSync(SAMPLE_CSV, 'utf8'), { columns: true }) as { phone: string }[]).map((r) => r.phone),
);

async function planned(key: string, id: string): Promise<PlanTrip[]> {
  await waitFor(
    `batch ${id} planned`,
    async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${id}`)).json?.status === 'planned',
    60_000,
  );
  return (await api(svc.base, key, 'GET', `/api/v1/batches/${id}/plan`)).json.trips;
}

/** A CSV answer as bytes: fetch's text() would drop the BOM this test is about. */
async function csvGet(key: string, p: string) {
  const res = await fetch(`${svc.base}/api/v1${p}`, { headers: { authorization: `Bearer ${key}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf, text: buf.toString('utf8') };
}

const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];

beforeAll(async () => {
  svc = await startTestService();
  dispatcher = await svc.key('dispatcher', ALL_COUNTIES);
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches?name=sample', readFileSync(SAMPLE_CSV), {
    'content-type': 'text/csv',
  });
  expect(r.status).toBe(202);
  batchId = r.json.id;
  trips = await planned(dispatcher, batchId);
}, 120_000);
afterAll(() => svc?.stop());

describe('pick-up notices API', () => {
  it('when the dispatcher asks for a trip’s notices, then each passenger has one, with the full phone and a text in 300 characters', async () => {
    // The trip with most legs: feeder buses, a train or flight, last-mile buses.
    const trip = [...trips].sort((a, b) => b.legs.length - a.legs.length)[0];
    expect(trip.legs.length).toBeGreaterThan(2);
    const r = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/notices`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json.trip).toEqual({ id: trip.id, batchId, key: trip.key, label: trip.label });
    expect(r.json.lang).toBe('zh');
    expect(r.json.notices.map((n: { workerId: string }) => n.workerId)).toEqual(trip.passengers.map((p) => p.workerId));
    for (const [i, n] of (
      r.json.notices as { name: string; phone: string; text: string; length: number }[]
    ).entries()) {
      const p = trip.passengers[i];
      expect(n.name).toBe(p.name);
      expect(samplePhones.has(n.phone)).toBe(true);
      // The plan shows the phone masked: the notice's full number is the same one.
      expect(`${n.phone.slice(0, 3)}****${n.phone.slice(-4)}`).toBe(p.phone);
      expect(n.text.startsWith('【')).toBe(true);
      expect(n.text).toContain(`${p.name}您好`);
      expect(n.text).toMatch(/将于 2020年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 在 /);
      // The bus the passenger boards (a feeder of a train or flight has its own label).
      const boards = trip.legs.find((l) => l.stops.some((st) => st.boarding.includes(p.workerId)))!;
      expect(n.text).toContain(`专车 ${boards.vehicleLabel} 将于`);
      expect([...n.text].length).toBe(n.length);
      expect(n.length).toBeLessThanOrEqual(300);
    }
  });

  it('when English is asked for, then the texts are in English; an unknown language is refused', async () => {
    const trip = trips[0];
    const r = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/notices?lang=en`);
    expect(r.status).toBe(200);
    expect(r.json.notices[0].text).toMatch(/^\[.+ HR Bureau\] .+: your \w+ .+ \(Beijing time\) for /);
    const bad = await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/notices.csv?lang=fr`);
    expect([bad.status, bad.json.error.code]).toEqual([422, 'validation_failed']);
  });

  it('when the trip CSV is downloaded, then it is UTF-8 with a BOM, columns phone, name, text and a row per passenger', async () => {
    const trip = trips[0];
    const r = await csvGet(dispatcher, `/trips/${trip.id}/notices.csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-disposition')).toContain(`notices-${trip.label}.csv`);
    expect([...r.buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.text.slice(1).startsWith('phone,name,text\r\n')).toBe(true);
    const rows = csvRows(r.text);
    expect(rows[0]).toEqual(['phone', 'name', 'text']);
    expect(rows.slice(1).map((x) => x[1])).toEqual(trip.passengers.map((p) => p.name));
    const json = (await api(svc.base, dispatcher, 'GET', `/api/v1/trips/${trip.id}/notices`)).json;
    expect(rows.slice(1)).toEqual(
      json.notices.map((n: { phone: string; name: string; text: string }) => [n.phone, n.name, n.text]),
    );
  });

  it('when the batch CSV is downloaded, then it has every travelling passenger, trip by trip', async () => {
    const r = await csvGet(dispatcher, `/batches/${batchId}/notices.csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect([...r.buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(r.text);
    expect(rows[0]).toEqual(['phone', 'name', 'text']);
    const passengers = [...trips].sort((a, b) => (a.key < b.key ? -1 : 1)).flatMap((t) => t.passengers);
    expect(rows.length - 1).toBe(passengers.length);
    expect(rows.slice(1).map((x) => x[1])).toEqual(passengers.map((p) => p.name));
    expect(rows.slice(1).every(([phone, , text]) => samplePhones.has(phone) && [...text].length <= 300)).toBe(true);
  });

  it('when another county’s dispatcher asks, then trips and batches answer exactly like missing ones; other roles are refused', async () => {
    const other = await svc.key('dispatcher', ['140225']);
    const trip = trips.find((t) => t.countyCode !== '140225')!;
    for (const p of [`/trips/${trip.id}/notices`, `/trips/${trip.id}/notices.csv`]) {
      const out = await api(svc.base, other, 'GET', `/api/v1${p}`);
      const missing = await api(svc.base, other, 'GET', `/api/v1${p.replace(trip.id, randomUUID())}`);
      expect([out.status, out.text]).toEqual([404, missing.text]);
    }
    const out = await api(svc.base, other, 'GET', `/api/v1/batches/${batchId}/notices.csv`);
    const missing = await api(svc.base, other, 'GET', `/api/v1/batches/${randomUUID()}/notices.csv`);
    expect([out.status, out.text]).toEqual([404, missing.text]);
    for (const role of ['enterprise', 'finance'] as const) {
      const key = await svc.key(role, role === 'enterprise' ? ['urumqi-etdz-textile'] : ALL_COUNTIES);
      const r = await api(svc.base, key, 'GET', `/api/v1/trips/${trip.id}/notices`);
      expect([role, r.status, Object.keys(r.json), r.json.error.code]).toEqual([role, 403, ['error'], 'forbidden']);
    }
  });

  it('when a name would start a spreadsheet formula, then the CSV cell is neutralised', async () => {
    const key = await svc.key('dispatcher', ['140222']);
    const workers = [workerRow(1, { name: '=HYPERLINK("x")' }), workerRow(2, { name: '@李' })];
    const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: 'formula', workers });
    expect(r.status).toBe(202);
    const [trip] = await planned(key, r.json.id);
    const csv = await csvGet(key, `/trips/${trip.id}/notices.csv`);
    const names = csvRows(csv.text)
      .slice(1)
      .map((x) => x[1]);
    expect(names.sort()).toEqual([`'=HYPERLINK("x")`, "'@李"].sort());
  });
});
