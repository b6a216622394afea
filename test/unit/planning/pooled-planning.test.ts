import { addMinutes } from 'date-fns';
import { LocalClock } from '../../../src/domain/planning/clock';
import { factoriesOf } from '../../../src/domain/planning/group-plan';
import { groupUnits, toUnits } from '../../../src/domain/planning/grouping';
import { planBatch } from '../../../src/domain/planning/plan-batch';
import type { PlanContext, PlanWorker } from '../../../src/domain/planning/plan-input';
import type { Plan, PlanLeg } from '../../../src/domain/planning/plan-schema';
import { sizeCharter } from '../../../src/domain/planning/pool-options';
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

  it('opens a new window past it, and never pools across destination areas or origin prefectures', () => {
    const ws = [
      worker(1, {}),
      worker(2, { earliestDeparture: '2027-03-12T06:00:00+08:00' }),
      worker(3, { factoryId: 'shenzhen-longhua-electronics' }),
      worker(4, { countyCode: '140222', lon: 114.09, lat: 40.42 }),
    ];
    const keys = pools(ws).map((p) => p.key);
    expect(keys).toHaveLength(4);
    expect(keys).toContain('6532|44-东莞市|2027-03-12');
    expect(pools(ws, 0).map((p) => p.key)).toHaveLength(4);
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
