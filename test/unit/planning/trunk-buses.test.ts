import { usableSeats } from '../../../src/domain/planning/bus-loading';
import { planBatch } from '../../../src/domain/planning/plan-batch';
import type { PlanContext } from '../../../src/domain/planning/plan-input';
import { greatCircleProvider } from '../../../src/domain/geo/distance';
import { loadHealthPolicy, loadPlannerConfig } from '../../../src/reference/load-fixtures';
import { syntheticBatch } from '../../../scripts/support/synthetic-batch';
import { distinctVehicles, type Vehicle } from '../../../scripts/support/scenarios/vehicles';

const config = loadPlannerConfig();
const cap = Math.max(...config.vehicleTypes.filter((v) => v.mode === 'bus').map(usableSeats));

describe('buses to and from a pool’s trains and flights', () => {
  // 40,000 workers: pools big enough for several special trains to one station, some in within the wait.
  const batch = syntheticBatch(40_000, 2);
  const ctx: PlanContext = {
    places: batch.places,
    config,
    distance: greatCircleProvider(config.detourFactor),
    health: loadHealthPolicy(),
  };
  const plan = planBatch(batch.workers, ctx);
  const vehicles = distinctVehicles(plan);
  const trunkOf = (v: Vehicle) => v.legs[0].trip.legs.find((l) => l.kind === 'trunk')!;
  const lastMile = vehicles.filter((v) => v.kind === 'last-mile');

  it('are part-filled only where no two of one hub’s departure could have been one bus', () => {
    // Part-filled buses leaving one hub at one time for the travellers of one origin hub: every pair is over a bus.
    const waves = new Map<string, number[]>();
    for (const v of lastMile) {
      if (v.passengers >= cap) continue;
      const from = trunkOf(v).stops[0].placeId;
      const key = `${from}>${v.legs[0].leg.stops[0].placeId}@${v.legs[0].leg.stops[0].departAt}`;
      waves.set(key, [...(waves.get(key) ?? []), v.passengers]);
    }
    expect(waves.size).toBeGreaterThan(10);
    for (const loads of waves.values()) {
      const two = [...loads].sort((a, b) => a - b).slice(0, 2);
      if (two.length === 2) expect(two[0] + two[1]).toBeGreaterThan(cap);
    }
  });

  it('carry the rests of several trains where they reach the hub within the wait', () => {
    const trunks = (v: Vehicle) => v.legs.map(({ trip }) => trip.legs.find((l) => l.kind === 'trunk')!);
    const shared = lastMile.filter((v) => new Set(trunks(v).map((t) => t.vehicleKey)).size > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const v of shared) {
      const arrivals = trunks(v).map((t) => Date.parse(t.stops.at(-1)!.arriveAt!));
      expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThanOrEqual(config.lastMileWaitMin * 60_000);
      // It leaves after the last of them is in and its travellers are through the station.
      const leaves = Date.parse(v.legs[0].leg.stops[0].departAt!);
      expect(leaves).toBeGreaterThanOrEqual(Math.max(...arrivals));
    }
  });

  it('leave a hub no sooner than the transfer after every train or flight they meet, however those were timed', () => {
    // Trunks put back for feeders routed together (src/domain/planning/later-trunks.ts) take their last mile along.
    for (const v of lastMile) {
      const hub = v.legs[0].leg.stops[0];
      const transfer = config.hubTransferMin[hub.kind as 'station' | 'airport'] * 60_000;
      for (const { trip } of v.legs) {
        const trunk = trip.legs.find((l) => l.kind === 'trunk')!;
        expect(Date.parse(hub.departAt!)).toBeGreaterThanOrEqual(Date.parse(trunk.stops.at(-1)!.arriveAt!) + transfer);
      }
    }
  });

  it('feed trains of one hub: a pick cut from whole busloads, a bus shared only by trains close together', () => {
    const feeders = vehicles.filter((v) => v.kind === 'first-mile');
    const multi = new Map<string, Set<string>>();
    let shared = 0;
    for (const v of feeders) {
      const on = new Map(v.legs.map(({ trip }) => [trip.legs.find((l) => l.kind === 'trunk')!.vehicleKey!, trip]));
      const trunks = [...on.values()].map((trip) => trip.legs.find((l) => l.kind === 'trunk')!);
      const hub = v.legs[0].leg.stops.at(-1)!;
      const departs = trunks.map((t) => Date.parse(t.stops[0].departAt!));
      for (const t of trunks) expect(t.stops[0].placeId).toBe(hub.placeId);
      const transfer = config.hubTransferMin[hub.kind as 'station' | 'airport'] * 60_000;
      expect(Math.min(...departs)).toBeGreaterThanOrEqual(Date.parse(hub.arriveAt!) + transfer);
      expect(Math.max(...departs) - Math.min(...departs)).toBeLessThanOrEqual(config.firstMileWaitMin * 60_000);
      if (on.size > 1) shared++;
      const t = trunkOf(v);
      const pick = `${t.stops[0].placeId}>${t.stops.at(-1)!.placeId}@${t.stops[0].departAt!.slice(0, 10)}`;
      multi.set(pick, new Set([...(multi.get(pick) ?? []), t.vehicleKey!]));
    }
    expect(shared).toBeGreaterThan(0);
    // Some picks here run several trains, and each train's seats hold what its feeders bring.
    expect([...multi.values()].some((trains) => trains.size > 1)).toBe(true);
    for (const t of vehicles.filter((v) => v.mode === 'train' && v.passengers > 0))
      expect(t.passengers).toBeLessThanOrEqual(t.capacity);
  });
});
