import { addMinutes } from 'date-fns';
import { LocalClock } from '../../../src/domain/planning/clock';
import { factoriesOf } from '../../../src/domain/planning/group-plan';
import { destPairs, groupUnits, subPools, toUnits, type PoolingHubs } from '../../../src/domain/planning/grouping';
import { greatCircleProvider } from '../../../src/domain/geo/distance';
import { planBatch } from '../../../src/domain/planning/plan-batch';
import type { PlanContext, PlanWorker } from '../../../src/domain/planning/plan-input';
import type { Plan, PlanLeg } from '../../../src/domain/planning/plan-schema';
import { sizeCharter } from '../../../src/domain/planning/pool-options';
import { usableSeats } from '../../../src/domain/planning/bus-loading';
import { carsFor } from '../../../src/domain/planning/trunk-costs';
import type { TrunkOffer } from '../../../src/domain/reference/offers';
import { planContext } from '../../support/sample';

const ctx = planContext();
const clock = new LocalClock(ctx.config.utcOffsetMin);
// Guangdong asks for a nucleic-acid test within 7 days: every Hotan worker here has one from the day before.
const TEST_AT = '2027-03-09T10:00:00+08:00';

function worker(i: number, over: Partial<PlanWorker>): PlanWorker {
  return {
    id: `w${String(i).padStart(4, '0')}`,
    countyCode: '653222',
    village: `v${i % 6}`,
    lon: 79.93 + (i % 6) * 0.02,
    lat: 37.27 + (i % 3) * 0.02,
    factoryId: 'dongguan-changan-electronics',
    healthCode: 'green',
    healthCodeProvince: null,
    nucleicTestAt: TEST_AT,
    earliestDeparture: '2027-03-10T06:00:00+08:00',
    familyId: null,
    ...over,
  };
}

/** Two Hotan counties, `a` and `b` workers, bound for Dongguan. */
const hotan = (a: number, b: number, over: Partial<PlanWorker> = {}) => [
  ...Array.from({ length: a }, (_, i) => worker(i, over)),
  ...Array.from({ length: b }, (_, i) =>
    worker(500 + i, { countyCode: '653225', lon: 80.8 + (i % 4) * 0.02, lat: 37.0, ...over }),
  ),
];

const vehicles = (plan: Plan) => {
  const byKey = new Map<string, { legs: PlanLeg[]; counties: Set<string> }>();
  for (const t of plan.trips)
    for (const l of t.legs) {
      const v = byKey.get(l.vehicleKey!) ?? { legs: [], counties: new Set<string>() };
      v.legs.push(l);
      v.counties.add(t.countyCode);
      byKey.set(l.vehicleKey!, v);
    }
  return byKey;
};

describe('pooling', () => {
  const factories = factoriesOf(ctx.places);
  const pools = (ws: PlanWorker[], windowDays = 1) => groupUnits(toUnits(ws), clock, factories, windowDays);

  it('pools counties of one prefecture bound for one destination area, ready within the window', () => {
    const ws = [
      worker(1, {}),
      worker(2, { countyCode: '653225' }),
      worker(3, { earliestDeparture: '2027-03-11T06:00:00+08:00' }),
    ];
    expect(pools(ws).map((p) => [p.key, p.size])).toEqual([['6532|44-东莞市|2027-03-10', 3]]);
  });

  it('pools an origin area for every destination, opens a new window past it, never pools far prefectures', () => {
    const ws = [
      worker(1, {}),
      worker(2, { earliestDeparture: '2027-03-12T06:00:00+08:00' }),
      worker(3, { factoryId: 'shenzhen-longhua-electronics' }),
      worker(4, { countyCode: '140222', lon: 114.09, lat: 40.42 }),
    ];
    // The key names every destination area of the route, so that a child job loads all of it.
    expect(pools(ws).map((p) => [p.key, p.size])).toEqual([
      ['1402|44-东莞市|2027-03-10', 1],
      ['6532|44-东莞市+44-深圳市|2027-03-10', 2],
      ['6532|44-东莞市+44-深圳市|2027-03-12', 1],
    ]);
    expect(pools(ws, 0).map((p) => p.key)).toHaveLength(3);
  });

  const hub = (id: string, kind: 'station' | 'airport', lon: number, lat: number) =>
    ({ id, code: id, kind, name: id, lon, lat }) as (typeof ctx.places.hubs)[number];
  const road = greatCircleProvider(ctx.config.detourFactor);
  const near = (hubs: (typeof ctx.places.hubs)[number][]): PoolingHubs => ({
    hubs,
    metres: (a, b) => road.metres(a, b, 'road'),
    maxM: 250_000,
  });

  it('pools two prefectures as one where both would leave from the same station and airport', () => {
    const ws = [worker(1, {}), worker(2, { countyCode: '653022', lon: 80.2, lat: 37.6 })];
    const shared = near([hub('st-a', 'station', 80.0, 37.4), hub('ap-a', 'airport', 80.0, 37.4)]);
    expect(groupUnits(toUnits(ws), clock, factories, 1, shared).map((p) => p.key)).toEqual([
      '6530+6532|44-东莞市|2027-03-10',
    ]);
    // With a station of its own, the second prefecture pools apart.
    const apart = near([...shared.hubs, hub('st-b', 'station', 80.2, 37.6)]);
    expect(groupUnits(toUnits(ws), clock, factories, 1, apart)).toHaveLength(2);
  });

  it('splits a pool into sub-pools by destination, areas sharing their hubs as one', () => {
    const ws = [worker(1, {}), worker(2, { factoryId: 'shenzhen-longhua-electronics' })];
    const units = toUnits(ws);
    const one = near([hub('st-gd', 'station', 114.0, 22.8), hub('ap-gd', 'airport', 113.9, 22.7)]);
    expect(subPools(units, factories, destPairs(factories, one)).map((s) => s.length)).toEqual([2]);
    const two = near([...one.hubs, hub('st-dg', 'station', 113.78, 22.85)]);
    expect(subPools(units, factories, destPairs(factories, two)).map((s) => s.length)).toEqual([1, 1]);
  });
  it('keeps a family in one pool, departing when its last member is ready', () => {
    const ws = [
      worker(1, { familyId: 'f1' }),
      worker(2, { familyId: 'f1', countyCode: '653225', earliestDeparture: '2027-03-13T06:00:00+08:00' }),
    ];
    const [pool] = pools(ws);
    expect(pool.units).toHaveLength(1);
    expect(pool.day).toBe('2027-03-13');
  });
});

describe('first-mile buses shared across trunks', () => {
  const ningbo = { factoryId: 'ningbo-beilun-electronics' };
  const mixed = (a: number, b: number) => [
    ...Array.from({ length: a }, (_, i) => worker(i, {})),
    ...Array.from({ length: b }, (_, i) => worker(100 + i, ningbo)),
  ];
  const firstMile = (plan: Plan) => [...vehicles(plan).values()].filter((v) => v.legs[0].kind === 'first-mile');

  it("carries one county's travellers for two flights on one bus, in for the first, shares exact", () => {
    const plan = planBatch(mixed(10, 10), ctx);
    const buses = firstMile(plan);
    expect(buses).toHaveLength(1);
    expect(buses[0].legs.reduce((n, l) => n + l.passengerIds.length, 0)).toBe(20);
    const inAt = Date.parse(buses[0].legs[0].stops.at(-1)!.arriveAt!);
    const transfer = ctx.config.hubTransferMin.airport * 60_000;
    const trunks = plan.trips.map((t) => t.legs.find((l) => l.kind === 'trunk')!);
    expect(new Set(trunks.map((l) => l.stops.at(-1)!.placeId)).size).toBe(2);
    for (const l of trunks) {
      const departs = Date.parse(l.stops[0].departAt!);
      expect(departs).toBeGreaterThanOrEqual(inAt + transfer);
      expect(departs - inAt - transfer).toBeLessThanOrEqual(ctx.config.firstMileWaitMin * 60_000);
    }
    const shared = plan.trips.map((t) => t.legs.find((l) => l.kind === 'first-mile')!);
    // Ten aboard for each flight: the bus's hire falls half to each trip, to the fen.
    expect(Math.abs(shared[0].costFen - shared[1].costFen)).toBeLessThanOrEqual(1);
    for (const t of plan.trips) expect(t.passengers.reduce((n, p) => n + p.costShareFen, 0)).toBe(t.costFen);
  });

  it("keeps them apart where sharing would have the first flight's travellers wait past firstMileWaitMin", () => {
    const hubId = (code: string) => ctx.places.hubs.find((h) => h.code === code)!.id;
    // A chartered flight to Ningbo that leaves late in the evening, hours after the seats to Dongguan.
    const late: TrunkOffer = {
      id: 'offer-ngb',
      service: 'CZ6900',
      kind: 'charter-flight',
      fromHubId: hubId('HTN'),
      toHubId: hubId('NGB'),
      departsAt: new Date('2027-03-10T22:00:00+08:00'),
      arrivesAt: new Date('2027-03-11T04:00:00+08:00'),
      seats: 174,
      priceFen: 30_000_000,
      countyCodes: ['653222'],
    };
    const plan = (waitMin: number) =>
      planBatch(mixed(10, 120), { ...ctx, offers: [late], config: { ...ctx.config, firstMileWaitMin: waitMin } });
    const part = (p: Plan) => firstMile(p).filter((v) => v.legs.reduce((n, l) => n + l.passengerIds.length, 0) < 26);
    const kept = plan(60);
    expect(kept.trips.some((t) => t.legs.some((l) => l.service?.offerId === 'offer-ngb'))).toBe(true);
    expect(part(kept)).toHaveLength(2);
    const waited = plan(24 * 60);
    expect(part(waited)).toHaveLength(0);
    expect(firstMile(waited)).toHaveLength(firstMile(kept).length - 1);
  });
});

describe('regular flight seats', () => {
  it("are cut from whole feeder busloads, as many blocks as that takes: no bus carries a block's last few", () => {
    const plan = planBatch(hotan(60, 0), ctx);
    const trunks = new Map<string, PlanLeg>();
    for (const t of plan.trips) for (const l of t.legs) if (l.kind === 'trunk') trunks.set(l.vehicleKey!, l);
    expect([...trunks.values()].every((l) => l.vehicleTypeId === 'flight-seats')).toBe(true);
    const seats = ctx.config.vehicleTypes.find((v) => v.id === 'flight-seats')!.seats;
    for (const l of trunks.values()) expect(l.passengerIds.length).toBeLessThanOrEqual(seats);
    const buses = [...vehicles(plan).values()].filter((v) => v.legs[0].kind === 'first-mile');
    const busCap = Math.max(...ctx.config.vehicleTypes.filter((v) => v.mode === 'bus').map(usableSeats));
    expect(buses).toHaveLength(Math.ceil(60 / busCap));
    expect(plan.totals.travelling).toBe(60);
  });

  it('never fill a block past its seats where a flight sells fewer seats than a bus holds', () => {
    const types = ctx.config.vehicleTypes.map((v) => (v.id === 'flight-seats' ? { ...v, seats: 20 } : v));
    const plan = planBatch(hotan(60, 0), { ...ctx, config: { ...ctx.config, vehicleTypes: types } });
    const trunks = plan.trips.flatMap((t) => t.legs.filter((l) => l.kind === 'trunk'));
    expect(trunks.length).toBeGreaterThan(0);
    const aboard = new Map<string, number>();
    for (const l of trunks) aboard.set(l.vehicleKey!, (aboard.get(l.vehicleKey!) ?? 0) + l.passengerIds.length);
    for (const l of trunks)
      if (l.vehicleTypeId === 'flight-seats') expect(aboard.get(l.vehicleKey!)).toBeLessThanOrEqual(20);
    expect(plan.totals.travelling).toBe(60);
  });
});

describe('charter choice over the pooled volume', () => {
  const a320 = ctx.config.vehicleTypes.find((v) => v.id === 'flight-a320')!;
  const special = ctx.config.vehicleTypes.find((v) => v.id === 'train-special')!;

  it('fills whole charters and one more only above its minimum', () => {
    const min = Math.ceil(a320.minFill * a320.seats);
    expect(sizeCharter(a320, min - 1)).toEqual({ vehicles: 0, carried: 0, minimum: min });
    expect(sizeCharter(a320, min)).toMatchObject({ vehicles: 1, carried: min });
    expect(sizeCharter(a320, a320.seats + min - 1)).toMatchObject({ vehicles: 1, carried: a320.seats });
  });

  it('runs a special train with as few cars as its travellers need, within the formation', () => {
    expect(carsFor(special, 100)).toBe(special.formation!.minCars);
    expect(carsFor(special, 1085)).toBe(19);
    expect(carsFor(special, 5000)).toBe(special.formation!.maxCars);
  });

  it('puts two counties too small for a flight each on one chartered flight, one vehicle key, exact shares', () => {
    const plan = planBatch(hotan(70, 60), ctx);
    const flights = [...vehicles(plan).values()].filter((v) => v.legs[0].kind === 'trunk');
    expect(flights).toHaveLength(1);
    expect([...flights[0].counties].sort()).toEqual(['653222', '653225']);
    expect(flights[0].legs.reduce((n, l) => n + l.passengerIds.length, 0)).toBe(130);
    const trip = plan.trips.find((t) => t.mode === 'flight')!;
    const chosen = trip.modeOptions.find((o) => o.code === 'chosen')!;
    expect(chosen).toMatchObject({ option: 'flight', pooled: 130, vehicles: 1 });
    expect(trip.modeOptions.find((o) => o.option === 'bus')!.code).toBe('over-hours');
    expect(trip.modeOptions.find((o) => o.option === 'train-special')).toMatchObject({
      code: 'below-min-fill',
      pooled: 130,
    });
    // The vehicle's cost is split over its trips to the fen.
    for (const t of plan.trips) expect(t.passengers.reduce((s, p) => s + p.costShareFen, 0)).toBe(t.costFen);
  });

  it('says why a pool below every charter minimum goes otherwise, with the figures', () => {
    const plan = planBatch(hotan(20, 10), ctx);
    const options = plan.trips[0].modeOptions;
    const flight = options.find((o) => o.option === 'flight')!;
    expect(flight).toMatchObject({ code: 'below-min-fill', pooled: 30, from: 'HTN' });
    expect(flight.text).toMatch(/30 pooled, below minimum \d+/);
    expect(options.filter((o) => o.code === 'chosen')).toHaveLength(1);
  });
});

describe('trunks on a timetable', () => {
  const hub = (code: string) => ctx.places.hubs.find((h) => h.code === code)!;
  const offer = (departs: string, hours: number): TrunkOffer => ({
    id: 'offer-1',
    service: 'CZ6881',
    kind: 'charter-flight',
    fromHubId: hub('HTN').id,
    toHubId: hub('SZX').id,
    departsAt: new Date(departs),
    arrivesAt: addMinutes(new Date(departs), hours * 60),
    seats: 174,
    priceFen: 30_000_000,
    countyCodes: ['653222', '653225'],
  });

  it('without an offer, the trunk is an estimate and says so', () => {
    const plan = planBatch(hotan(70, 60), ctx);
    const trunk = plan.trips.flatMap((t) => t.legs).find((l) => l.kind === 'trunk')!;
    expect(trunk.service).toMatchObject({ offerId: null, estimated: true, number: 'HTN-SZX' });
  });

  it('takes a loaded offer: its times and price, feeders timed to arrive the transfer before, last mile after', () => {
    const o = offer('2027-03-10T18:00:00+08:00', 6);
    const withOffer: PlanContext = { ...ctx, offers: [o] };
    const plan = planBatch(hotan(70, 60), withOffer);
    const legs = plan.trips.flatMap((t) => t.legs);
    const trunk = legs.find((l) => l.kind === 'trunk')!;
    expect(trunk.service).toEqual({ number: 'CZ6881', offerId: 'offer-1', estimated: false });
    expect(trunk.stops[0].departAt).toBe(o.departsAt.toISOString());
    expect(trunk.stops[1].arriveAt).toBe(o.arrivesAt.toISOString());
    const costOfFlight = legs.filter((l) => l.vehicleKey === trunk.vehicleKey).reduce((s, l) => s + l.costFen, 0);
    expect(costOfFlight).toBe(o.priceFen);
    const transfer = ctx.config.hubTransferMin.airport * 60_000;
    const due = o.departsAt.getTime() - transfer;
    const feeders = legs.filter((l) => l.kind === 'first-mile');
    for (const f of feeders) expect(Date.parse(f.stops.at(-1)!.arriveAt!)).toBeLessThanOrEqual(due);
    // Not hours early: the last feeder in arrives within an hour of the deadline.
    expect(Math.max(...feeders.map((f) => Date.parse(f.stops.at(-1)!.arriveAt!)))).toBeGreaterThan(due - 3_600_000);
    // The last mile leaves the transfer time after landing, once everyone has boarded (the dwell at a stop).
    const boarded = o.arrivesAt.getTime() + transfer + ctx.config.pickup.dwellMin * 60_000;
    for (const l of legs.filter((x) => x.kind === 'last-mile'))
      expect(l.stops[0].departAt).toBe(new Date(boarded).toISOString());
  });

  it('does not take an offer that leaves before the feeders can be in, or one without room', () => {
    const early = offer('2027-03-10T07:30:00+08:00', 6);
    const small = { ...offer('2027-03-10T19:00:00+08:00', 6), id: 'offer-2', seats: 40 };
    const plan = planBatch(hotan(70, 60), { ...ctx, offers: [early, small] });
    const trunk = plan.trips.flatMap((t) => t.legs).find((l) => l.kind === 'trunk')!;
    expect(trunk.service?.estimated).toBe(true);
  });
});

describe('estimated trunks put back so that their feeders share buses', () => {
  // Moyu is beside Hotan airport, Cele 80 km off: the Dongguan flight waits for Cele's buses, the Shanghai one not.
  const cele = (i: number) => ({ countyCode: '653225', village: `c${i % 4}`, lon: 80.8 + (i % 4) * 0.05, lat: 37.0 });
  const ws = [
    ...Array.from({ length: 130 }, (_, i) => worker(i, {})),
    ...Array.from({ length: 60 }, (_, i) => worker(500 + i, cele(i))),
    ...Array.from({ length: 120 }, (_, i) => worker(1000 + i, { factoryId: 'shanghai-songjiang-electronics' })),
  ];
  const planWith = (min: number) => planBatch(ws, { ...ctx, config: { ...ctx.config, trunkPutBackMin: min } });
  const trunksOf = (plan: Plan) => [...vehicles(plan).values()].filter((v) => v.legs[0].kind === 'trunk');
  const firstMiles = (plan: Plan) => [...vehicles(plan).values()].filter((v) => v.legs[0].kind === 'first-mile');
  const departs = (l: PlanLeg) => Date.parse(l.stops[0].departAt!);
  const [apart, shared] = [planWith(0), planWith(ctx.config.trunkPutBackMin)];
  const transfer = ctx.config.hubTransferMin.airport * 60_000;

  it('leave with the hub’s later ones where that takes fewer first-mile buses', () => {
    const spread = (plan: Plan) => {
      const at = trunksOf(plan).map((v) => departs(v.legs[0]));
      return Math.max(...at) - Math.min(...at);
    };
    expect(spread(apart)).toBeGreaterThan(ctx.config.firstMileWaitMin * 60_000);
    expect(firstMiles(shared).length).toBeLessThan(firstMiles(apart).length);
    expect(spread(shared)).toBeLessThanOrEqual(ctx.config.trunkPutBackMin * 60_000);
    expect(shared.totals.travelling).toBe(ws.length);
    expect(shared.totals.costFen).toBeLessThanOrEqual(apart.totals.costFen);
  });

  it('keep everyone’s connections: feeders in the transfer before, not hours early; last mile after arrival', () => {
    const byTrip = new Map(shared.trips.map((t) => [t.key, t]));
    for (const trip of byTrip.values()) {
      const [feeder, trunk, lastMile] = trip.legs;
      const wait = departs(trunk) - Date.parse(feeder.stops.at(-1)!.arriveAt!);
      expect(wait).toBeGreaterThanOrEqual(transfer);
      expect(wait).toBeLessThanOrEqual(transfer + ctx.config.firstMileWaitMin * 60_000);
      expect(departs(lastMile)).toBeGreaterThanOrEqual(Date.parse(trunk.stops.at(-1)!.arriveAt!) + transfer);
    }
  });
});
