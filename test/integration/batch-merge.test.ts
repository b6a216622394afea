import { api } from '../support/http';
import { TEST_NOW, startTestService, waitFor, type TestService } from '../support/test-service';
import { HOTAN, hotanRows } from '../support/sample';

/**
 * Two batches of Hotan counties (墨玉 653222: 70, 策勒 653225: 60) bound for Dongguan on one day: each alone is
 * below a chartered flight's minimum, the two together fill one.
 */
let svc: TestService;
let dispatcher: string;
let moyuOnly: string;
let seq = 0;

/** `n` more workers of 墨玉 or 策勒, each call numbering on (so that no two calls share a person by chance). */
const next = (at: (typeof HOTAN)[keyof typeof HOTAN], n: number) => hotanRows(at, n, (seq += n) - n + 1);
const moyu = (n: number) => next(HOTAN.moyu, n);
const cele = (n: number) => next(HOTAN.cele, n);

const batch = (id: string, key = dispatcher) => api(svc.base, key, 'GET', `/api/v1/batches/${id}`);
const plan = (id: string) => api(svc.base, dispatcher, 'GET', `/api/v1/batches/${id}/plan`);
const planned = (id: string) =>
  waitFor(`batch ${id} planned`, async () => {
    const r = await batch(id);
    if (r.json.status === 'failed') throw new Error(`batch failed: ${r.json.error}`);
    return r.json.status === 'planned' && r.json;
  });
async function submit(name: string, workers: unknown[]): Promise<string> {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name, workers });
  expect(r.status).toBe(202);
  await planned(r.json.id);
  return r.json.id as string;
}
const merge = (body: unknown, key = dispatcher, headers: Record<string, string> = {}) =>
  api(svc.base, key, 'POST', '/api/v1/batches/merge', body, headers);

interface LegView {
  kind: string;
  vehicleTypeId: string;
  vehicleKey: string | null;
  passengerIds: string[];
}

/** Chartered flights of a plan view: distinct vehicles of its trunk legs bought whole, with who is aboard. */
function charters(view: { trips: { legs: LegView[] }[] }) {
  const aboard = new Map<string, Set<string>>();
  for (const t of view.trips)
    for (const l of t.legs)
      if (l.kind === 'trunk' && l.vehicleTypeId.startsWith('flight-') && l.vehicleTypeId !== 'flight-seats') {
        const s = aboard.get(l.vehicleKey!) ?? new Set<string>();
        l.passengerIds.forEach((p) => s.add(p));
        aboard.set(l.vehicleKey!, s);
      }
  return aboard;
}

const workerIds = async (batchId: string) =>
  (await svc.tdb.db.selectFrom('batch_workers').select('id').where('batch_id', '=', batchId).execute()).map(
    (w) => w.id,
  );

beforeAll(async () => {
  svc = await startTestService();
  const counties = (await svc.tdb.db.selectFrom('counties').select('code').execute()).map((c) => c.code);
  dispatcher = await svc.key('dispatcher', counties);
  moyuOnly = await svc.key('dispatcher', ['653222']);
});
afterAll(() => svc.stop());

describe('when a dispatcher plans two batches together', () => {
  it('then one new batch holds all their workers, pools them on one chartered flight, and the old ones name it', async () => {
    const a = await submit('墨玉 3月10日', moyu(70));
    const b = await submit('策勒 3月10日', cele(60));
    for (const id of [a, b]) expect(charters((await plan(id)).json).size).toBe(0);
    const [idsA, idsB] = [await workerIds(a), await workerIds(b)];

    // Out of scope for a key that sees only 墨玉: 404 as if it did not exist, and nothing changes.
    const outside = await merge({ name: 'x', batchIds: [a, b] }, moyuOnly);
    expect(outside.status).toBe(404);
    expect((await batch(a)).json.status).toBe('planned');

    const r = await merge({ name: '和田 合并', batchIds: [b, a] }, dispatcher, { 'idempotency-key': 'merge-1' });
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ merged: [a, b].sort(), workers: 130, replayed: false });
    const joint = r.json.id as string;
    const done = await planned(joint);
    expect(done).toMatchObject({ name: '和田 合并', counts: { workers: 130 }, countyCodes: ['653222', '653225'] });

    const flights = charters((await plan(joint)).json);
    expect(flights.size).toBe(1);
    const aboard = [...flights.values()][0];
    expect(aboard.size).toBe(130);
    // The same workers, moved: their ids are kept, from both batches.
    expect([...idsA, ...idsB].every((id) => aboard.has(id))).toBe(true);

    for (const old of [a, b]) {
      expect((await batch(old)).json).toMatchObject({ status: 'merged', mergedInto: joint, counts: { workers: 0 } });
      expect((await plan(old)).json.trips).toEqual([]);
    }
    // Rows numbered on in the order the batches were given: 策勒's first.
    const rows = await svc.tdb.db
      .selectFrom('batch_workers')
      .select(['id', 'row_no'])
      .where('batch_id', '=', joint)
      .orderBy('row_no')
      .execute();
    expect(rows.map((w) => w.row_no)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    expect(
      rows
        .slice(0, 60)
        .map((w) => w.id)
        .sort(),
    ).toEqual([...idsB].sort());

    const again = await merge({ name: '和田 合并', batchIds: [b, a] }, dispatcher, { 'idempotency-key': 'merge-1' });
    expect(again.json).toMatchObject({ id: joint, merged: [a, b].sort(), replayed: true });
    const twice = await merge({ name: 'y', batchIds: [a, joint] });
    expect(twice.status).toBe(409);
    expect(twice.json.error).toMatchObject({ reason: 'batch_merged', params: { count: 1 } });
    // Edits and additions are for planned batches: a merged one is refused.
    const add = await api(svc.base, dispatcher, 'POST', `/api/v1/batches/${a}/workers`, { workers: moyu(1) });
    expect(add.status).toBe(409);
  });
});

describe('when batches cannot be planned together', () => {
  it('then a trip that has departed refuses the merge, and nothing is changed', async () => {
    const a = await submit('墨玉 出发', moyu(10));
    const b = await submit('策勒 出发', cele(10));
    svc.clock.set('2027-03-11T12:00:00+08:00');
    try {
      const r = await merge({ name: 'late', batchIds: [a, b] });
      expect(r.status).toBe(409);
      expect(r.json.error.reason).toBe('batch_under_way');
      expect(r.json.error.params.count).toBeGreaterThan(0);
    } finally {
      svc.clock.set(TEST_NOW);
    }
    for (const id of [a, b]) expect((await batch(id)).json).toMatchObject({ status: 'planned', mergedInto: null });
  });

  it('then a person listed in both batches refuses it', async () => {
    const same = moyu(5);
    const a = await submit('墨玉 甲', same);
    const b = await submit('墨玉 乙', [...same.slice(0, 1), ...moyu(3)]);
    const r = await merge({ name: 'dup', batchIds: [a, b] });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ reason: 'merge_people_twice', params: { count: 1 } });
    expect((await workerIds(a)).length).toBe(5);
    expect((await workerIds(b)).length).toBe(4);
  });

  it('then a body naming one batch, or one twice, is a 422 with the field', async () => {
    const r = await merge({ name: 'one', batchIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(r.status).toBe(422);
    const dup = '00000000-0000-4000-8000-000000000002';
    const twice = await merge({ name: 'twice', batchIds: [dup, dup] });
    expect(twice.status).toBe(422);
  });
});
