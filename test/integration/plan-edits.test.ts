import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let key: string;
let batchId: string;
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: '2027-04-01T06:00:00+08:00', ...over });
const plan = async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json;
const edit = (body: unknown) => api(svc.base, key, 'PATCH', `/api/v1/batches/${batchId}/plan`, body);

beforeAll(async () => {
  svc = await startTestService();
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
});
