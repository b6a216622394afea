import type { z } from 'zod';
import type { PassengerChecks } from '../../../src/domain/health/health-checks';
import { PlanLegSchema, PlanSchema, PlanTripSchema } from '../../../src/domain/planning/plan-schema';
import type { Plan, PlanLeg, PlanStop, PlanTrip } from '../../../src/domain/planning/plan-schema';
import { VehicleTypeSchema } from '../../../src/domain/reference/planner-config';
import { driverHours, maxInWindow } from '../../../scripts/support/scenarios/driver-hours';
import { accounting, doorToDoorHours, totalCostFen } from '../../../scripts/support/scenarios/traveller-metrics';
import { distinctVehicles, lowerBound, seatLoad } from '../../../scripts/support/scenarios/vehicles';
import { plansTotal } from '../../../scripts/support/scenarios/planned-apart';
import type { PlannerConfig } from '../../../src/domain/reference/planner-config';
import { loadPlannerConfig } from '../../../src/reference/load-fixtures';

const CHECKS: PassengerChecks = {
  codeColour: 'green',
  issuer: '65',
  destinationProvince: '44',
  recognised: true,
  nucleicTest: { required: false, maxAgeHours: null, takenAt: null, validAtDeparture: true },
  boarding: null,
};
type LegIn = z.input<typeof PlanLegSchema>;
const FREE = { fixedFen: 0, perKmFen: 0 };
const vehicleType = (id: string, mode: string, seats: number, loadFactor: number, more = {}) =>
  VehicleTypeSchema.parse({ id, mode, name: id, nameEn: id, seats, loadFactor, minFill: 0.5, ...FREE, ...more });
const TYPES = [
  vehicleType('bus-53', 'bus', 53, 0.5),
  vehicleType('a320', 'flight', 170, 1),
  vehicleType('special', 'train', 118, 0.5, { formation: { minCars: 8, maxCars: 20 } }),
  vehicleType('carriage', 'train', 118, 0.5, { wholeCarriage: true }),
];

const at = (hhmm: string, day = 1) => `2020-03-0${day}T${hhmm}:00.000Z`;

/** Stops from [kind, placeId, arriveAt, departAt, note?]; boarding is filled in by `leg`. */
function stops(...xs: [PlanStop['kind'], string | null, string | null, string | null, string?][]): PlanStop[] {
  return xs.map(([kind, placeId, arriveAt, departAt, note], seq) => ({
    seq,
    kind,
    placeId,
    name: placeId ?? kind,
    lon: 100,
    lat: 30,
    arriveAt,
    departAt,
    boarding: [],
    note: note ?? null,
  }));
}

function leg(kind: LegIn['kind'], ids: string[], s: PlanStop[], extra: Partial<LegIn> = {}): PlanLeg {
  const mode = kind === 'trunk' ? 'flight' : 'bus';
  s[0].boarding = ids;
  return PlanLegSchema.parse({
    seq: 0,
    kind,
    mode,
    vehicleTypeId: mode === 'flight' ? 'a320' : 'bus-53',
    capacity: mode === 'flight' ? 170 : 26,
    drivers: mode === 'bus' ? 1 : 0,
    distanceM: 1000,
    costFen: 10_000,
    stops: s,
    passengerIds: ids,
    ...extra,
  });
}

function trip(key: string, factoryId: string, legs: PlanLeg[]): PlanTrip {
  legs.forEach((l, i) => (l.seq = i));
  const ids = [...new Set(legs.flatMap((l) => l.passengerIds))];
  return PlanTripSchema.parse({
    key,
    mode: legs.some((l) => l.mode === 'flight') ? 'flight' : 'bus',
    vehicleTypeId: legs[0].vehicleTypeId,
    capacity: legs[0].capacity,
    countyCode: '653221',
    factoryId,
    departAt: legs[0].stops[0].departAt!,
    arriveAt: legs.at(-1)!.stops.at(-1)!.arriveAt!,
    distanceM: 0,
    costFen: legs.reduce((s, l) => s + l.costFen, 0),
    modeReason: 'test',
    legs,
    passengers: ids.map((workerId) => ({ workerId, costShareFen: 0, workerShareFen: 0, checks: CHECKS })),
  });
}

const NONE = { bus: 0, train: 0, flight: 0 };
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/**
 * Two flight trips from two counties pooled on one flight F1 (vehicleKey), each with its own first- and last-mile
 * bus; and two direct buses to factory f-b carrying 30 between them.
 */
function tinyPlan(): Plan {
  const fly = (key: string, who: string[], firstDepart: string) =>
    trip(key, 'f-a', [
      leg('first-mile', who, stops(['pickup', null, null, firstDepart], ['airport', 'htn', at('10:00'), null])),
      leg('trunk', who, stops(['airport', 'htn', null, at('13:00')], ['airport', 'szx', at('18:00'), null]), {
        vehicleKey: 'F1',
      }),
      leg('last-mile', who, stops(['airport', 'szx', null, at('20:00')], ['factory', 'f-a', at('21:30'), null])),
    ]);
  const direct = (key: string, who: string[]) =>
    trip(key, 'f-b', [
      leg('direct', who, stops(['pickup', null, null, at('07:00')], ['factory', 'f-b', at('12:00'), null])),
    ]);
  const trips = [
    fly('T1', ids('a', 3), at('06:00')),
    fly('T2', ids('b', 2), at('07:30')),
    direct('T3', ids('c', 26)),
    direct('T4', ids('d', 4)),
  ];
  // Totals are the planner's summary, which the metrics never read: zeros here.
  const totals = { workers: 0, travelling: 0, held: 0, trips: 0, seatsUsed: 0, seatsOffered: 0, costFen: 0 };
  return PlanSchema.parse({
    trips,
    held: [{ workerId: 'h0', code: 'health-code-red', reason: 'red' }],
    totals: {
      ...totals,
      tripsByMode: NONE,
      vehiclesByMode: NONE,
      bearerFen: { government: 0, employer: 0, worker: 0 },
    },
  });
}

const direct10 = () =>
  trip('T2', 'f-b', [leg('direct', ids('d', 10), stops(['pickup', null, null, at('07:00')], ['factory', 'f-b', at('12:00'), null]))]); // prettier-ignore

describe('scenario metrics on a tiny hand-made plan', () => {
  const plan = tinyPlan();

  it('when legs of two trips share a vehicleKey, then they are one vehicle; legs without a key count one each', () => {
    const v = distinctVehicles(plan);
    expect(v.filter((x) => x.mode === 'flight').map((x) => [x.key, x.passengers])).toEqual([['F1', 5]]);
    expect(v.filter((x) => x.mode === 'bus')).toHaveLength(6);
    expect(v.filter((x) => x.kind === 'direct').map((x) => x.passengers)).toEqual([26, 4]);
  });

  it('when direct buses carry 30 to one factory, then the bound is ⌈30 ÷ 26⌉ = 2, feeders per end place', () => {
    expect(lowerBound(plan, TYPES, 'bus', ['direct'])).toBe(2);
    // first-mile: 5 end at htn → 1; last-mile: 5 board at szx → 1; direct: 2.
    expect(lowerBound(plan, TYPES, 'bus')).toBe(4);
    expect(lowerBound(plan, TYPES, 'flight')).toBe(1);
  });

  it('when one last-mile bus drops 13 at each of two factories, then the bound is 1: it counts where they board', () => {
    const drop = (key: string, factoryId: string, who: string[]) =>
      trip(key, factoryId, [
        leg('last-mile', who, stops(['airport', 'szx', null, at('20:00')], ['factory', 'f-a', at('21:00'), null], ['factory', 'f-b', at('21:30'), null]), { vehicleKey: 'L1' }), // prettier-ignore
      ]);
    const shared = { ...plan, trips: [drop('T1', 'f-a', ids('a', 13)), drop('T2', 'f-b', ids('b', 13))] };
    expect(distinctVehicles(shared)).toHaveLength(1);
    expect(lowerBound(shared, TYPES, 'bus')).toBe(1);
  });

  it('when 10 reach one factory on each of two days, then the bound is 1, and 2 with the days apart', () => {
    const onDay = (key: string, day: number) =>
      trip(key, 'f-b', [leg('direct', ids(key, 10), stops(['pickup', null, null, at('07:00', day)], ['factory', 'f-b', at('12:00', day), null]))]); // prettier-ignore
    const twoDays = { ...plan, trips: [onDay('T1', 1), onDay('T2', 2)] };
    expect(lowerBound(twoDays, TYPES, 'bus')).toBe(1);
    expect(lowerBound(twoDays, TYPES, 'bus', undefined, (t) => t.toISOString().slice(0, 10))).toBe(2);
    const oneDay = { ...plan, trips: [onDay('T1', 1), onDay('T2', 1)] };
    expect(lowerBound(oneDay, TYPES, 'bus', undefined, (t) => t.toISOString().slice(0, 10))).toBe(1);
  });

  it('when a direct and a last-mile bus each bring 10 to one factory, then the bound is 2: kinds never share', () => {
    const last = trip('T1', 'f-b', [
      leg('last-mile', ids('a', 10), stops(['airport', 'szx', null, at('20:00')], ['factory', 'f-b', at('21:00'), null])), // prettier-ignore
    ]);
    expect(lowerBound({ ...plan, trips: [last, direct10()] }, TYPES, 'bus')).toBe(2);
  });

  it('measures door to door from the first departure of the first leg to the arrival of the last at the factory', () => {
    const h = doorToDoorHours(plan);
    expect(h.get('a0')).toBe(15.5);
    expect(h.get('b1')).toBe(14);
    expect(h.get('c0')).toBe(5);
    expect(h.size).toBe(35);
  });

  it('counts travellers and the held from the trips and the held list, and finds the missing and the doubled', () => {
    const all = [...ids('a', 3), ...ids('b', 2), ...ids('c', 26), ...ids('d', 4), 'h0'];
    expect(accounting(plan, all)).toMatchObject({ travelling: 35, held: 1, missing: 0, duplicated: 0 });
    expect(accounting(plan, [...all, 'zz'])).toMatchObject({ missing: 1 });
    const twice = { ...plan, held: [...plan.held, { workerId: 'a0', code: 'no-route' as const, reason: 'x' }] };
    expect(accounting(twice, all)).toMatchObject({
      duplicated: 1,
      heldByCode: { 'health-code-red': 1, 'no-route': 1 },
    });
    expect(totalCostFen(plan)).toBe(8 * 10_000);
  });

  it('checks seat load against the vehicle type cap (26 of 53 is the most at 50 %)', () => {
    const buses = distinctVehicles(plan).filter((v) => v.mode === 'bus');
    expect(seatLoad(buses, TYPES)).toMatchObject({ overCap: 0, cap: 0.5, maxLoad: 26 / 53 });
    const over = trip('T9', 'f-b', [leg('direct', ids('e', 27), stops(['pickup', null, null, at('07:00')], ['factory', 'f-b', at('08:00'), null]))]); // prettier-ignore
    expect(seatLoad(distinctVehicles({ ...plan, trips: [over] }), TYPES).overCap).toBe(1);
  });
});

describe('batches planned apart', () => {
  it('when two plans are added up, then their vehicles and costs add (vehicle keys never cross plans)', () => {
    const config: PlannerConfig = { ...loadPlannerConfig(), vehicleTypes: TYPES };
    const one = plansTotal([tinyPlan()], config, 35);
    expect(one).toEqual({ buses: 6, specialTrains: 0, charters: 1, flightSeatBlocks: 0, fenPerTraveller: 2286 });
    const two = plansTotal([tinyPlan(), tinyPlan()], config, 70);
    expect(two).toEqual({ ...one, buses: 12, charters: 2 });
  });
});

describe('trains formed of cars', () => {
  const train = (key: string, n: number, type: string, capacity: number) =>
    trip(key, 'f-a', [
      leg('trunk', ids(key, n), stops(['station', 'bjx', null, at('08:00')], ['station', 'hgh', at('20:00'), null]), {
        mode: 'train',
        vehicleTypeId: type,
        capacity,
      }),
    ]);
  const plan = (...trips: PlanTrip[]): Plan => ({ ...tinyPlan(), trips });

  it('when a special train may run 20 cars of 59 usable seats, then 1,300 travellers need 2 and 1,100 need 1', () => {
    expect(lowerBound(plan(train('s', 1300, 'special', 1180)), TYPES, 'train')).toBe(2);
    expect(lowerBound(plan(train('s', 1100, 'special', 1180), train('c', 100, 'carriage', 118)), TYPES, 'train')).toBe(
      1,
    );
  });

  it('when a train carries more than its cars allow at 50 %, then it is over the cap', () => {
    const ok = seatLoad(distinctVehicles(plan(train('s', 1100, 'special', 1180))), TYPES);
    expect(ok).toMatchObject({ overCap: 0, cap: 0.5, maxLoad: 1100 / 2360 });
    expect(seatLoad(distinctVehicles(plan(train('s', 1200, 'special', 1180))), TYPES).overCap).toBe(1);
  });
});

describe('drivers hours recomputed from the stops', () => {
  // 08:00 → 08:30 pick-up (10 min dwell) → 12:40 rest 20 min → 17:00 factory: 30 + 240 + 240 = 510 min driving.
  const day = () =>
    stops(
      ['pickup', null, null, at('08:00')],
      ['pickup', null, at('08:30'), at('08:40')],
      ['rest', null, at('12:40'), at('13:00'), 'driving break after 240 min'],
      ['factory', 'f-b', at('17:00'), null],
    );

  it('when one driver drives 510 min, then dwell and rests are not driving and the driver is over 8 h', () => {
    expect(driverHours([leg('direct', ['x'], day())])).toMatchObject({ drivingMin: 510, maxDriverMinPer24h: 510 });
  });

  it('when two drivers share, then each drives half; duty crews × drivers per crew win over drivers', () => {
    expect(driverHours([leg('direct', ['x'], day(), { drivers: 2 })]).maxDriverMinPer24h).toBe(255);
    const duty = { crews: 2, driversPerCrew: 1, drivingMin: 510, maxDriverMinPer24h: 999, overnightRests: 0 };
    const h = driverHours([leg('direct', ['x'], day(), { drivers: 1, duty })]);
    expect(h).toMatchObject({ maxDriverMinPer24h: 255, handover: 'even', plannerMaxDriverMinPer24h: 999 });
  });

  it('when a stop names the relay, then the crews change there', () => {
    const s = day();
    s[2].note = 'relay: crew change';
    const duty = { crews: 2, driversPerCrew: 1, drivingMin: 510, maxDriverMinPer24h: 270, overnightRests: 0 };
    expect(driverHours([leg('direct', ['x'], s, { duty })])).toMatchObject({
      maxDriverMinPer24h: 270,
      handover: 'notes',
    });
  });

  it('when pooled legs repeat the same stops, then the driving counts once', () => {
    expect(driverHours([leg('direct', ['x'], day()), leg('direct', ['y'], day())]).drivingMin).toBe(510);
  });

  it('when 8 h of driving follow 8 h within 24 h, then the rolling window sees 12 h', () => {
    const s = stops(
      ['pickup', null, null, at('08:00')],
      ['rest', null, at('16:00'), at('04:00', 2), 'overnight'],
      ['factory', 'f-b', at('12:00', 2), null],
    );
    expect(driverHours([leg('direct', ['x'], s)])).toMatchObject({ drivingMin: 960, maxDriverMinPer24h: 720 });
    const hour = 3_600_000;
    expect(
      maxInWindow([
        { start: 0, end: 8 * hour },
        { start: 30 * hour, end: 38 * hour },
      ]),
    ).toBe(8 * hour);
  });
});
