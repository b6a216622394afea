import { MoveTargetsAnswerSchema, type MoveTargetsAnswer } from '../../src/contracts/move-targets';
import type { PlanView, TripView } from '../../src/contracts/plan-view';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

let svc: TestService;
let key: string;
let batchId: string;
// Pinned before the trips leave: only then are they editable.
const NOW = '2027-03-20T09:00:00+08:00';
const READY = '2027-04-01T06:00:00+08:00';
const row = (i: number, over = {}) => workerRow(i, { earliestDeparture: READY, ...over });
const plan = async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}/plan`)).json as PlanView;
const edit = (body: unknown) => api(svc.base, key, 'PATCH', `/api/v1/batches/${batchId}/plan`, body);
const targetsOf = (workerId: string, k = key) =>
  api(svc.base, k, 'GET', `/api/v1/batches/${batchId}/plan/move-targets?workerId=${workerId}`);
const tripOf = (p: PlanView, workerId: string) =>
  p.trips.find((t) => t.passengers.some((x) => x.workerId === workerId))!;
const byId = (p: PlanView, id: string) => p.trips.find((t) => t.id === id);

beforeAll(async () => {
  svc = await startTestService({ now: NOW });
  key = await svc.key('dispatcher', ['140222']);
  // Three villages of one county to one factory (several buses, some with room), and a family of two.
  const workers = [
    ...Array.from({ length: 40 }, (_, i) => row(i + 1)),
    ...Array.from({ length: 5 }, (_, i) => row(60 + i, { village: '谷前堡镇', lon: 114.23, lat: 40.36 })),
    ...Array.from({ length: 2 }, (_, i) =>
      row(80 + i, { village: '新平堡镇', lon: 114.38, lat: 40.51, familyId: 'F1' }),
    ),
    ...Array.from({ length: 3 }, (_, i) => row(90 + i, { factoryId: 'ningbo-beilun-electronics' })),
  ];
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: 'move targets', workers });
  expect(r.status).toBe(202);
  batchId = r.json.id;
  await waitFor(
    'planned',
    async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${batchId}`)).json.status === 'planned',
  );
});
afterAll(() => svc.stop());

describe('when a dispatcher asks where a passenger may move', () => {
  afterEach(() => svc.clock.set(NOW));

  it('then every target offered is a move that succeeds, with the costs the answer announced', async () => {
    const first = await plan();
    expect(first.trips.length).toBeGreaterThanOrEqual(3);
    const mover = first.trips.find((t) => t.factoryId === 'qingdao-huangdao-appliance')!.passengers[0].workerId;
    const home = tripOf(first, mover).id;
    const initial = await targetsOf(mover);
    expect(initial.status).toBe(200);
    expect(MoveTargetsAnswerSchema.parse(initial.json)).toEqual(initial.json);
    const offered = (initial.json as MoveTargetsAnswer).targets.map((t) => t.tripId);
    expect(offered.length).toBeGreaterThanOrEqual(1);
    expect(offered).not.toContain(home);
    for (const tripId of offered) {
      const before = await plan();
      const now = (await targetsOf(mover)).json as MoveTargetsAnswer;
      const target = now.targets.find((t) => t.tripId === tripId)!;
      expect(target).toBeDefined();
      const to = byId(before, tripId)!;
      expect(target).toMatchObject({ tripKey: to.key, seatsFree: to.capacity - to.seatsUsed });
      expect(target.toCostFen.before).toBe(to.costFen);
      const moved = await edit({ op: 'move', workerId: mover, toTripId: tripId });
      expect(moved.status).toBe(200);
      const after = moved.json as PlanView;
      expect(byId(after, tripId)!.costFen).toBe(target.toCostFen.after);
      expect(byId(after, home)?.costFen ?? null).toBe(target.fromCostFen.after);
      const share = byId(after, tripId)!.passengers.find((x) => x.workerId === mover)!.costShareFen;
      expect(share).toBe(target.shareFen.after);
      // And back home, itself a target offered, for the next try.
      const back = (await targetsOf(mover)).json as MoveTargetsAnswer;
      expect(back.targets.map((t) => t.tripId)).toContain(home);
      expect((await edit({ op: 'move', workerId: mover, toTripId: home })).status).toBe(200);
    }
  });

  it('then a trip not offered is refused by the move itself', async () => {
    const p = await plan();
    const mover = p.trips.find((t) => t.factoryId === 'qingdao-huangdao-appliance')!.passengers[0].workerId;
    const offered = new Set(((await targetsOf(mover)).json as MoveTargetsAnswer).targets.map((t) => t.tripId));
    const home = tripOf(p, mover).id;
    const notOffered = p.trips.filter((t) => t.id !== home && !offered.has(t.id));
    // The bus to the other factory is never a target.
    expect(notOffered.some((t) => t.factoryId === 'ningbo-beilun-electronics')).toBe(true);
    for (const t of notOffered) {
      const r = await edit({ op: 'move', workerId: mover, toTripId: t.id });
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('rule_violated');
    }
  });

  it('then a family moves whole: both are movers, and a target needs seats for both', async () => {
    const p = await plan();
    const family = p.trips.flatMap((t) => t.passengers).filter((x) => x.familyId === 'F1');
    expect(family).toHaveLength(2);
    const r = (await targetsOf(family[0].workerId)).json as MoveTargetsAnswer;
    expect([...r.movers].sort()).toEqual(family.map((x) => x.workerId).sort());
    for (const t of r.targets) expect(t.seatsFree).toBeGreaterThanOrEqual(2);
  });

  it('then a locked trip is no target, and other roles and bad queries are refused', async () => {
    const p = await plan();
    const mover = p.trips.find((t) => t.factoryId === 'qingdao-huangdao-appliance')!.passengers[0].workerId;
    const [target] = ((await targetsOf(mover)).json as MoveTargetsAnswer).targets;
    expect((await edit({ op: 'lock', tripId: target.tripId, locked: true })).status).toBe(200);
    const locked = ((await targetsOf(mover)).json as MoveTargetsAnswer).targets.map((t) => t.tripId);
    expect(locked).not.toContain(target.tripId);
    expect((await edit({ op: 'lock', tripId: target.tripId, locked: false })).status).toBe(200);
    expect((await targetsOf('not-a-uuid')).status).toBe(422);
    expect((await targetsOf('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await targetsOf(mover, await svc.key('finance', ['140222']))).status).toBe(403);
    expect((await targetsOf(mover, await svc.key('dispatcher', ['140225']))).status).toBe(404);
  });

  it('then each trip of the plan answers its status, planned before departure', async () => {
    const p = await plan();
    const statuses = p.trips.map((t: TripView) => t.status);
    expect(statuses).toEqual(p.trips.map((t) => (t.locked ? 'locked' : 'planned')));
  });
});
