import { BatchStatusViewSchema, PlanEditAnswerSchema, PlanViewSchema } from '../../src/contracts/plan-view';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let key: string;
let batchId: string;
// The service's clock is pinned before the trips leave, whatever today's date: trips lock once they have departed.
const NOW = '2027-03-20T09:00:00+08:00';
const READY = '2027-04-01T06:00:00+08:00';
const AFTER_DEPARTURE = '2027-04-05T09:00:00+08:00';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: READY, ...over });
const plan = async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
const edit = (body: unknown) => api(svc.base, key, 'PATCH', `/api/v1/batches/${batchId}/plan`, body);

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  key = await svc.key('dispatcher', ['140222']);
  const workers = [
    ...Array.from({ length: 26 }, (_, i) => row(i + 1)),
    ...Array.from({ length: 4 }, (_, i) => row(40 + i, { village: '谷前堡镇', lon: 114.23, lat: 40.36 })),
  ];
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: 'edits', workers });
  batchId = r.json.id;
  await waitFor(
    'planned',
    async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}`)).json.status === 'planned',
  );
});
afterAll(() => svc.stop());

describe('when a dispatcher edits a plan', () => {
  afterEach(() => svc.clock.set(NOW));

  it('then the batch and its plan are answered in the shapes of their contracts', async () => {
    const status = (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}`)).json;
    expect(BatchStatusViewSchema.parse(status)).toEqual(status);
    const p = await plan();
    expect(PlanViewSchema.parse(p)).toEqual(p);
    expect(p.trips.every((t: { departAt: string }) => t.departAt > new Date(NOW).toISOString())).toBe(true);
  });

  it('then a move into a full bus is refused with the capacity rule', async () => {
    const p = await plan();
    const full = p.trips.find((t: { seatsUsed: number; capacity: number }) => t.seatsUsed === t.capacity);
    const other = p.trips.find((t: { id: string }) => t.id !== full.id);
    const r = await edit({ op: 'move', workerId: other.passengers[0].workerId, toTripId: full.id });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'rule_violated', details: { rule: 'capacity' } });
  });

  it('then a move to a bus with room re-routes, re-times and re-costs both buses', async () => {
    const p = await plan();
    const [a, b] = [...p.trips].sort((x: { seatsUsed: number }, y: { seatsUsed: number }) => x.seatsUsed - y.seatsUsed);
    const mover = b.passengers[0].workerId;
    const r = await edit({ op: 'move', workerId: mover, toTripId: a.id });
    expect(r.status).toBe(200);
    expect(PlanEditAnswerSchema.parse(r.json)).toEqual(r.json);
    const moved = r.json.trips.find((t: { id: string }) => t.id === a.id);
    expect(moved.passengers.map((x: { workerId: string }) => x.workerId)).toContain(mover);
    expect(moved.seatsUsed).toBe(a.seatsUsed + 1);
    expect(moved.legs[0].stops.some((s: { boarding: string[] }) => s.boarding.includes(mover))).toBe(true);
    for (const t of r.json.trips)
      expect(t.passengers.reduce((s: number, x: { costShareFen: number }) => s + x.costShareFen, 0)).toBe(t.costFen);
    expect(r.json.totals.travelling).toBe(30);
  });

  it('then a locked trip is left alone by moves and by re-planning', async () => {
    const p = await plan();
    const [a, b] = p.trips;
    expect((await edit({ op: 'lock', tripId: a.id, locked: true })).json.edit).toMatchObject({ locked: true });
    const refused = await edit({ op: 'move', workerId: b.passengers[0].workerId, toTripId: a.id });
    expect(refused.json.error.details.rule).toBe('locked');
    const replanned = await edit({ op: 'replan' });
    expect(replanned.status).toBe(200);
    const kept = replanned.json.trips.find((t: { id: string }) => t.id === a.id);
    expect(kept).toMatchObject({ locked: true, seatsUsed: a.seatsUsed, costFen: a.costFen });
    expect(replanned.json.trips.find((t: { id: string }) => t.id === b.id)).toBeUndefined();
    expect(replanned.json.totals.travelling).toBe(30);
  });

  it('then, once the clock passes departure, trips are departed and refuse moves, locks and bearers', async () => {
    for (const t of (await plan()).trips) await edit({ op: 'lock', tripId: t.id, locked: false });
    const p = await plan();
    const open = p.trips.filter((t: { locked: boolean }) => !t.locked);
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.map((t: { status: string }) => t.status)).toEqual(open.map(() => 'planned'));
    // After every trip has left and before any has arrived; much later, all have arrived.
    const lastDeparture = Math.max(...p.trips.map((t: { departAt: string }) => Date.parse(t.departAt)));
    expect(lastDeparture + 60_000).toBeLessThan(
      Math.min(...p.trips.map((t: { arriveAt: string }) => Date.parse(t.arriveAt))),
    );
    svc.clock.set(new Date(lastDeparture + 60_000));
    const after = await plan();
    expect(new Set(after.trips.map((t: { status: string }) => t.status))).toEqual(new Set(['departed']));
    const departed = { code: 'trip_departed', details: { status: 'departed' } };
    const refused = await edit({ op: 'move', workerId: open[0].passengers[0].workerId, toTripId: open[1].id });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject(departed);
    const lock = await edit({ op: 'lock', tripId: open[0].id, locked: true });
    expect({ status: lock.status, error: lock.json.error }).toMatchObject({ status: 409, error: departed });
    const bearers = await edit({ op: 'bearers', tripId: open[0].id, operator: 'late' });
    expect({ status: bearers.status, error: bearers.json.error }).toMatchObject({ status: 409, error: departed });
    const targets = await api(
      svc.base,
      key,
      'GET',
      `/api/v1/batches/${batchId}/plan/move-targets?workerId=${open[0].passengers[0].workerId}`,
    );
    expect({ status: targets.status, error: targets.json.error }).toMatchObject({ status: 409, error: departed });
    const replanned = await edit({ op: 'replan' });
    expect(replanned.json.edit).toMatchObject({ replannedTrips: [], newTrips: [] });
    expect(replanned.json.trips).toEqual(after.trips);
    svc.clock.set(AFTER_DEPARTURE);
    const arrived = await plan();
    expect(new Set(arrived.trips.map((t: { status: string }) => t.status))).toEqual(new Set(['arrived']));
    const late = await edit({ op: 'lock', tripId: open[0].id, locked: true });
    expect(late.json.error).toMatchObject({ code: 'trip_departed', details: { status: 'arrived' } });
  });
});
