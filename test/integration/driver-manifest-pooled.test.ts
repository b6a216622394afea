import { DriverManifestSchema } from '../../src/contracts/fleet';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

/**
 * The driver's manifest of a pooled bus: one vehicle serving the slices of two counties' trips lists everyone aboard
 * on either trip's manifest, seats unique on the vehicle, stops of the whole run; a key of one county sees its own
 * passengers only. A bus only one trip rides answers as it always did.
 */
let svc: TestService;
let both: string;
let tianzhen: string;
const DAY = '2027-03-02';
const row = (i: number, over: Parameters<typeof workerRow>[1] = {}) =>
  workerRow(i, { earliestDeparture: `${DAY}T06:00:00+08:00`, ...over });
const hunyuan = (i: number) => row(i, { countyCode: '140225', village: '永安镇', lon: 113.7, lat: 39.69 });
/** The phone workerRow gives worker i, by the name it gives them. */
const phoneOf = (name: string) => `138${String(10_000_000 + Number(name.replace('测试', ''))).slice(-8)}`;

interface Stop {
  name: string;
  kind: string;
  note: string | null;
  arriveAt: string | null;
  departAt: string | null;
}
interface Leg {
  seq: number;
  mode: string;
  vehicleLabel?: string | null;
  passengerIds: string[];
  stops: Stop[];
}
interface Trip {
  id: string;
  key: string;
  countyCode: string;
  legs: Leg[];
}
interface Rider {
  seat: number;
  workerId: string;
  name: string;
  phone: string;
  tripId: string;
  tripKey: string;
  boardsAt: string | null;
  boardingTime: string | null;
  alightsAt: string | null;
}
interface Run {
  trips: { id: string; key: string; countyCode: string; passengers: number }[];
  stops: Stop[];
  passengers: Rider[];
  notShown: number;
}

async function planned(key: string, name: string, workers: unknown[]): Promise<Trip[]> {
  const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name, workers });
  expect([r.status, JSON.stringify(r.json.error?.details ?? null)]).toEqual([202, 'null']);
  const batch = `/api/v1/batches/${r.json.id}`;
  await waitFor('planned', async () => (await api(svc.base, key, 'GET', batch)).json.status === 'planned');
  return (await api(svc.base, key, 'GET', `${batch}/plan`)).json.trips as Trip[];
}

const manifest = (key: string, tripId: string) => api(svc.base, key, 'GET', `/api/v1/trips/${tripId}/driver-manifest`);
const runOn = (m: { legs: (Leg & { run?: Run })[] }, label: string) =>
  m.legs.find((l) => l.vehicleLabel === label)!.run;

let slices: { trip: Trip; leg: Leg }[];
let label: string;

beforeAll(async () => {
  svc = await startTestService({ now: '2027-03-01T09:00:00+08:00' });
  both = await svc.key('dispatcher', ['140222', '140225']);
  tianzhen = await svc.key('dispatcher', ['140222']);
  const trips = await planned(both, 'manifest-pooled', [...[1, 2, 3].map((i) => row(i)), ...[4, 5, 6].map(hunyuan)]);
  const bus = trips.flatMap((t) =>
    t.legs.filter((l) => l.mode === 'bus' && l.vehicleLabel).map((l) => ({ trip: t, leg: l })),
  );
  const shared = bus.find((x) => bus.some((y) => y.trip.id !== x.trip.id && y.leg.vehicleLabel === x.leg.vehicleLabel));
  expect(shared).toBeDefined();
  label = shared!.leg.vehicleLabel!;
  slices = bus.filter((x) => x.leg.vehicleLabel === label);
  // Two counties' trips on one bus: the case under test.
  expect(new Set(slices.map((s) => s.trip.countyCode))).toEqual(new Set(['140222', '140225']));
}, 180_000);
afterAll(() => svc?.stop());

describe('driver’s manifest of a pooled bus', () => {
  it('when either trip’s manifest opens, then everyone aboard the bus is listed with seat, phone and trip', async () => {
    const aboard = slices.flatMap((s) => s.leg.passengerIds);
    const views: Run[] = [];
    for (const s of slices) {
      const r = await manifest(both, s.trip.id);
      expect(r.status).toBe(200);
      // The answer parses as the contract says, run and all.
      expect(() => DriverManifestSchema.strict().parse(r.json)).not.toThrow();
      // The trip's own roll stays the trip's own.
      expect(r.json.passengers.map((p: { workerId: string }) => p.workerId).sort()).toEqual(
        [...s.leg.passengerIds].sort(),
      );
      const run = runOn(r.json, label)!;
      expect(run).toBeDefined();
      expect(run.passengers.map((p) => p.workerId).sort()).toEqual([...aboard].sort());
      expect(run.notShown).toBe(0);
      // Seats 1…n, once each on the vehicle.
      expect(run.passengers.map((p) => p.seat)).toEqual(aboard.map((_, i) => i + 1));
      for (const p of run.passengers) {
        const mine = slices.find((x) => x.leg.passengerIds.includes(p.workerId))!;
        expect([p.tripId, p.tripKey]).toEqual([mine.trip.id, mine.trip.key]);
        expect(p.phone).toBe(phoneOf(p.name));
        expect(run.stops.map((x) => x.name)).toContain(p.boardsAt);
        expect(p.boardingTime).not.toBeNull();
        expect(p.alightsAt).toBe(mine.leg.stops.at(-1)!.name);
      }
      expect(run.trips.map((t) => [t.id, t.passengers])).toEqual(
        [...slices]
          .sort((a, b) => (a.trip.key < b.trip.key ? -1 : 1))
          .map((x) => [x.trip.id, x.leg.passengerIds.length]),
      );
      views.push(run);
    }
    // Both trips' drivers read the same bus: same stops, same seat for each person.
    expect(views[1]).toEqual(views[0]);
  });

  it('then the stops are the whole run’s, in calling order, every trip’s slice among them', async () => {
    const run = runOn((await manifest(both, slices[0].trip.id)).json, label)!;
    const at = (s: Stop) => s.arriveAt ?? s.departAt ?? '';
    const times = run.stops.map(at);
    expect(times).toEqual([...times].sort());
    for (const s of slices) {
      const names = s.leg.stops.map((x) => `${x.name}|${x.arriveAt}`);
      const inRun = run.stops.map((x) => `${x.name}|${x.arriveAt}`).filter((k) => names.includes(k));
      expect(inRun).toEqual(names);
    }
    // Each trip boards its own villages: the run calls at both counties' pick-ups.
    const boards = new Set(run.passengers.map((p) => p.boardsAt));
    expect(boards.size).toBeGreaterThanOrEqual(2);
  });

  it('when a key of one county opens it, then only its passengers show; the others are counted, seats kept', async () => {
    const full = runOn((await manifest(both, slices[0].trip.id)).json, label)!;
    const own = slices.find((s) => s.trip.countyCode === '140222')!;
    const theirs = slices.find((s) => s.trip.countyCode === '140225')!;
    const r = await manifest(tianzhen, own.trip.id);
    expect(r.status).toBe(200);
    const run = runOn(r.json, label)!;
    expect(run.passengers.map((p) => p.workerId).sort()).toEqual([...own.leg.passengerIds].sort());
    expect(run.notShown).toBe(theirs.leg.passengerIds.length);
    expect(run.trips.map((t) => t.id)).toEqual([own.trip.id]);
    expect(run.passengers).toEqual(full.passengers.filter((p) => p.tripId === own.trip.id));
    expect(JSON.stringify(r.json)).not.toContain(theirs.trip.id);
    expect((await manifest(tianzhen, theirs.trip.id)).status).toBe(404);
  });

  it('when a bus carries one trip only, then its manifest answers as before: no run, seats 1… in row order', async () => {
    const trips = await planned(
      tianzhen,
      'manifest-single',
      [1, 2, 3, 4, 5, 6].map((i) => row(i + 20)),
    );
    const trip = trips.find((t) => t.legs.some((l) => l.mode === 'bus'))!;
    const r = await manifest(tianzhen, trip.id);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['legs', 'passengers', 'trip']);
    for (const l of r.json.legs)
      expect(Object.keys(l).sort()).toEqual(['crew', 'kind', 'mode', 'seq', 'stops', 'vehicleLabel']);
    const plan = trip.legs.flatMap((l) => l.passengerIds);
    expect(r.json.passengers.map((p: { seat: number }) => p.seat)).toEqual([...new Set(plan)].map((_, i) => i + 1));
    for (const p of r.json.passengers) {
      expect(Object.keys(p).sort()).toEqual(['boardingTime', 'boardsAt', 'name', 'phone', 'seat', 'workerId']);
      expect(p.phone).toBe(phoneOf(p.name));
    }
  });
});
