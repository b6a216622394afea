import { addMinutes } from 'date-fns';
import { usableSeats, villageStops } from '../../../src/domain/planning/bus-loading';
import { factoriesOf } from '../../../src/domain/planning/group-plan';
import { toUnits } from '../../../src/domain/planning/grouping';
import { laterTrunks, ridersOf } from '../../../src/domain/planning/later-trunks';
import { dropLeg, legArrival, pickupLeg, trunkLeg } from '../../../src/domain/planning/legs';
import type { PlanWorker } from '../../../src/domain/planning/plan-input';
import type { PlanLeg } from '../../../src/domain/planning/plan-schema';
import { Fleet, type PoolScope } from '../../../src/domain/planning/pool-vehicles';
import { planContext } from '../../support/sample';

const ctx = planContext();
const hub = (id: string) => ctx.places.hubs.find((h) => h.id === id)!;
const [htn, szx] = [hub('hotan-airport'), hub('shenzhen-baoan-airport')];
const factory = ctx.places.factories.find((f) => f.id === 'dongguan-changan-electronics')!;
const flight = ctx.config.vehicleTypes.find((v) => v.id === 'flight-a320')!;
const bus = ctx.config.vehicleTypes.filter((v) => v.mode === 'bus').sort((a, b) => usableSeats(b) - usableSeats(a))[0];
const transfer = ctx.config.hubTransferMin.airport;
const scope: PoolScope = { ctx, day: '2027-03-10', factories: factoriesOf(ctx.places), taken: new Set() };
const ms = (iso: string | null) => Date.parse(iso!);

const workers: PlanWorker[] = Array.from({ length: 20 }, (_, i) => ({
  id: `w${i}`,
  countyCode: '653222',
  village: `v${i % 4}`,
  lon: 79.93 + (i % 4) * 0.02,
  lat: 37.27,
  factoryId: factory.id,
  healthCode: 'green',
  healthCodeProvince: null,
  nucleicTestAt: '2027-03-09T10:00:00+08:00',
  earliestDeparture: '2027-03-10T06:00:00+08:00',
  familyId: null,
}));
const units = toUnits(workers);
const ids = workers.map((w) => w.id);

/** A feeder (v1), a flight HTN→SZX the transfer after it (v2) and a last-mile bus the transfer after that (v3). */
function fleetWith(service: NonNullable<PlanLeg['service']>): Fleet {
  const fleet = new Fleet();
  const load = { vehicleType: bus, stops: villageStops(units), passengers: units.length };
  const feeder = pickupLeg(ctx, 'first-mile', load, { kind: 'hub', hub: htn }, new Date('2027-03-10T08:00:00+08:00'));
  fleet.add(feeder, units);
  const start = addMinutes(legArrival(feeder), transfer);
  const arriveAt = addMinutes(start, 330);
  fleet.add(
    trunkLeg(ctx, flight, htn, szx, { start, arriveAt, ids, costFen: 9_000_000, capacity: 174, service }),
    units,
  );
  fleet.add(dropLeg(ctx, bus, szx, [factory], addMinutes(arriveAt, transfer), ids), units);
  return fleet;
}

const estimate = { number: 'HTN-SZX', offerId: null, estimated: true };
const departs = (leg: PlanLeg) => ms(leg.stops[0].departAt);
const startOf = (fleet: Fleet) => () => departs(fleet.vehicles.get('v1')!);

describe('an estimated trunk put back for feeders routed together', () => {
  it('leaves when they are in, arrives as much later, and its last mile leaves the transfer after it', () => {
    const fleet = fleetWith(estimate);
    const trunk = fleet.vehicles.get('v2')!;
    const due = new Map([['v2', departs(trunk) + 40 * 60_000]]);
    const changed = laterTrunks(scope, fleet, ridersOf(fleet), due, startOf(fleet))!;
    expect([...changed.keys()].sort()).toEqual(['v2', 'v3']);
    const moved = changed.get('v2')!;
    expect(departs(moved)).toBe(departs(trunk) + 40 * 60_000);
    expect(ms(moved.stops.at(-1)!.arriveAt)).toBe(ms(trunk.stops.at(-1)!.arriveAt) + 40 * 60_000);
    expect(moved.costFen).toBe(trunk.costFen);
    const bus = changed.get('v3')!;
    // As long after the flight's new arrival as it left after the old one (the transfer, then boarding).
    expect(departs(bus) - departs(fleet.vehicles.get('v3')!)).toBe(40 * 60_000);
    expect(ms(bus.stops[0].departAt)).toBeGreaterThanOrEqual(addMinutes(legArrival(moved), transfer).getTime());
    expect(bus.passengerIds).toEqual(ids);
    expect(bus.stops.filter((s) => s.kind === 'factory').map((s) => s.placeId)).toEqual([factory.id]);
  });

  it('changes nothing where the trunk already leaves late enough', () => {
    const fleet = fleetWith(estimate);
    const due = new Map([['v2', departs(fleet.vehicles.get('v2')!)]]);
    expect(laterTrunks(scope, fleet, ridersOf(fleet), due, startOf(fleet))!.size).toBe(0);
  });

  it('never moves a timetabled offer', () => {
    const fleet = fleetWith({ number: 'CZ6802', offerId: 'o1', estimated: false });
    const due = new Map([['v2', departs(fleet.vehicles.get('v2')!) + 60_000]]);
    expect(laterTrunks(scope, fleet, ridersOf(fleet), due, startOf(fleet))).toBeNull();
  });

  it('refuses a move that takes someone over the door-to-door limit', () => {
    const fleet = fleetWith(estimate);
    const limit = ctx.config.modeChoice.maxDoorToDoorHours * 3_600_000;
    // A journey begun so long ago that 10 minutes are left before the limit.
    const begun = () => legArrival(fleet.vehicles.get('v3')!).getTime() - limit + 10 * 60_000;
    const by = (min: number) => new Map([['v2', departs(fleet.vehicles.get('v2')!) + min * 60_000]]);
    expect(laterTrunks(scope, fleet, ridersOf(fleet), by(5), begun)).not.toBeNull();
    expect(laterTrunks(scope, fleet, ridersOf(fleet), by(30), begun)).toBeNull();
  });

  it("moves a last-mile bus shared with another trunk only while that trunk's travellers wait within the wait", () => {
    // Two flights (v2, v4) whose travellers share one last-mile bus (v5).
    const fleet = new Fleet();
    const [a, b] = [units.slice(0, 10), units.slice(10)];
    const idsOf = (us: typeof units) => us.flatMap((u) => u.members.map((m) => m.id));
    const morning = new Date('2027-03-10T08:00:00+08:00');
    let arriveAt = morning;
    for (const us of [a, b]) {
      const load = { vehicleType: bus, stops: villageStops(us), passengers: us.length };
      const feeder = pickupLeg(ctx, 'first-mile', load, { kind: 'hub', hub: htn }, morning);
      fleet.add(feeder, us);
      const start = addMinutes(legArrival(feeder), transfer);
      arriveAt = addMinutes(start, 330);
      const run = { start, arriveAt, ids: idsOf(us), costFen: 1, capacity: 30, service: estimate };
      fleet.add(trunkLeg(ctx, flight, htn, szx, run), us);
    }
    fleet.add(dropLeg(ctx, bus, szx, [factory], addMinutes(arriveAt, transfer), ids), units);
    const by = (min: number) => new Map([['v2', departs(fleet.vehicles.get('v2')!) + min * 60_000]]);
    const within = laterTrunks(scope, fleet, ridersOf(fleet), by(30), startOf(fleet))!;
    expect([...within.keys()].sort()).toEqual(['v2', 'v5']);
    const waits = ctx.config.lastMileWaitMin;
    expect(laterTrunks(scope, fleet, ridersOf(fleet), by(waits + 30), startOf(fleet))).toBeNull();
  });
});
