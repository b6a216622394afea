import { LocalClock } from '../../../src/domain/planning/clock';
import { vehicleCostFen } from '../../../src/domain/planning/costing';
import {
  scheduleBusLeg,
  type BusTiming,
  type RouteStop,
  type TimedBusLeg,
} from '../../../src/domain/planning/drive-schedule';
import { dropLeg } from '../../../src/domain/planning/legs';
import type { DrivingRules } from '../../../src/domain/reference/planner-config';
import { planContext } from '../../support/sample';

const config = planContext().config;
const rules = config.driving;
const clock = new LocalClock(config.utcOffsetMin);
const MIN = 60_000;
const DAY_MIN = 1440;

/** Points on a line: one unit of longitude is 100 km of road, so distances are exact kilometres. */
const linear = { metres: (a: { lon: number }, b: { lon: number }) => Math.round(Math.abs(b.lon - a.lon) * 100_000) };
const point = (km: number, boarding: string[]): RouteStop => ({
  kind: boarding.length ? 'pickup' : 'factory',
  placeId: null,
  name: `km ${km}`,
  lon: km / 100,
  lat: 0,
  boarding,
});
const timing = (over: Partial<DrivingRules> = {}): BusTiming => ({
  rules: { ...rules, ...over },
  clock,
  speedKmh: config.speedsKmh.bus,
  dwellMin: config.pickup.dwellMin,
  distance: linear,
});
const schedule = (km: number, localStart = '07:00', over: Partial<DrivingRules> = {}): TimedBusLeg =>
  scheduleBusLeg([point(0, ['a', 'b']), point(km, [])], clock.at('2020-03-02', localStart), timing(over));

const minuteOf = (iso: string) => new Date(iso).getTime() / MIN;

/** Minutes the bus drives, read from the stops alone: from each departure to the next arrival. */
function drivingMinutes(leg: TimedBusLeg): number[] {
  const out: number[] = [];
  for (let i = 1; i < leg.stops.length; i++)
    for (let m = minuteOf(leg.stops[i - 1].departAt!); m < minuteOf(leg.stops[i].arriveAt!); m++) out.push(m);
  return out;
}

/** Each driver's driven minutes, from the spells, checked to be exactly the stops' driving and never overlapping. */
function minutesByDriver(leg: TimedBusLeg): Map<string, number[]> {
  const byDriver = new Map<string, number[]>();
  const all: number[] = [];
  for (const s of leg.spells) {
    const key = `${s.crew}/${s.seat}`;
    const list = byDriver.get(key) ?? [];
    for (let m = minuteOf(s.from); m < minuteOf(s.to); m++) {
      list.push(m);
      all.push(m);
    }
    byDriver.set(key, list);
  }
  expect(all.sort((a, b) => a - b)).toEqual(drivingMinutes(leg));
  return byDriver;
}

/** The most one driver drove in any 24 h, by a sliding window over their minutes. */
function heaviest24h(leg: TimedBusLeg): number {
  let worst = 0;
  for (const ms of minutesByDriver(leg).values()) {
    const sorted = [...ms].sort((a, b) => a - b);
    let lo = 0;
    sorted.forEach((m, hi) => {
      while (sorted[lo] <= m - DAY_MIN) lo++;
      worst = Math.max(worst, hi - lo + 1);
    });
  }
  return worst;
}

/** Driving runs separated by stops of at least the break: each minute's count within its run vs the limit then. */
function continuousViolations(leg: TimedBusLeg): string[] {
  const v: string[] = [];
  let run = 0;
  let last = -Infinity;
  for (const m of drivingMinutes(leg)) {
    run = m - last - 1 >= rules.breakMin ? 1 : run + 1;
    last = m;
    const night = clock.within(new Date(m * MIN), rules.nightStarts, rules.nightEnds);
    if (run > (night ? rules.maxContinuousNightMin : rules.maxContinuousDayMin))
      v.push(`${new Date(m * MIN).toISOString()}: minute ${run} of a run by ${night ? 'night' : 'day'}`);
  }
  return v;
}

/** Spells that follow one by the same driver although the other one had not yet driven 8 h in the 24 h before. */
function sameDriverTwice(leg: TimedBusLeg): string[] {
  const drivenBy = (seat: number, until: number) =>
    leg.spells
      .filter((s) => s.seat === seat)
      .reduce(
        (sum, s) => sum + Math.max(0, Math.min(minuteOf(s.to), until) - Math.max(minuteOf(s.from), until - DAY_MIN)),
        0,
      );
  return leg.spells
    .slice(1)
    .filter(
      (s, i) => s.seat === leg.spells[i].seat && drivenBy(1 - s.seat, minuteOf(s.from)) < rules.maxDriverMinPer24h,
    )
    .map((s) => `${s.from}: driver ${s.seat + 1} again`);
}

const curfewMinutes = (leg: TimedBusLeg) =>
  drivingMinutes(leg).filter((m) => clock.within(new Date(m * MIN), rules.curfewStarts, rules.curfewEnds));
const notes = (leg: TimedBusLeg) => leg.stops.filter((s) => s.kind === 'rest').map((s) => s.note ?? '');
const drivingOf = (km: number) => Math.ceil((km / config.speedsKmh.bus) * 60);

function expectLawful(leg: TimedBusLeg): void {
  expect(heaviest24h(leg)).toBeLessThanOrEqual(rules.maxDriverMinPer24h);
  expect(continuousViolations(leg)).toEqual([]);
  if (leg.distanceM > rules.curfewExemptKm * 1000) expect(curfewMinutes(leg)).toEqual([]);
  expect(leg.duty.maxDriverMinPer24h).toBe(heaviest24h(leg));
  expect(leg.duty.drivingMin).toBe(drivingMinutes(leg).length);
  expect(leg.drivers).toBe(leg.duty.crews * leg.duty.driversPerCrew);
}

describe('scheduleBusLeg crews and driving hours', () => {
  it('when the leg is short, then one driver drives it all', () => {
    const leg = schedule(300);
    expect(leg.duty).toEqual({
      crews: 1,
      driversPerCrew: 1,
      drivingMin: drivingOf(300),
      maxDriverMinPer24h: drivingOf(300),
      overnightRests: 0,
    });
    expect(leg.drivers).toBe(1);
    expectLawful(leg);
  });

  it.each([450, 700, 1100])('when the leg is %i km, then two drivers take turns at each break', (km) => {
    const leg = schedule(km);
    expect(leg.duty).toMatchObject({ crews: 1, driversPerCrew: 2, drivingMin: drivingOf(km), overnightRests: 0 });
    expect(leg.drivers).toBe(2);
    expect(notes(leg).some((n) => n.startsWith('driving break'))).toBe(true);
    expect(sameDriverTwice(leg)).toEqual([]);
    expectLawful(leg);
  });

  it('when a leg of at most 400 km takes one driver over 8 h, then a second driver comes aboard', () => {
    const slow = { ...timing(), speedKmh: 40 };
    const leg = scheduleBusLeg([point(0, ['a']), point(390, [])], clock.at('2020-03-02', '07:00'), slow);
    expect(leg.duty).toMatchObject({ crews: 1, driversPerCrew: 2, drivingMin: 585, overnightRests: 0 });
    expectLawful(leg);
  });

  it('when the driving exceeds what two drivers may do in 24 h, then a fresh crew takes over at a relay point', () => {
    const km = 1300;
    expect(drivingOf(km)).toBeGreaterThan(2 * rules.maxDriverMinPer24h);
    const leg = schedule(km);
    expect(leg.duty).toMatchObject({ crews: 2, driversPerCrew: 2, drivingMin: drivingOf(km), overnightRests: 0 });
    expect(leg.drivers).toBe(4);
    expect(notes(leg).filter((n) => n.startsWith('relay'))).toEqual(['relay: crew 2 takes over']);
    expect(new Set(leg.spells.map((s) => s.crew))).toEqual(new Set([0, 1]));
    expectLawful(leg);
  });

  it('when relays are used up, then the last crew rests overnight', () => {
    const leg = schedule(3000, '07:00', { maxRelays: 1 });
    expect(leg.duty).toMatchObject({ crews: 2, driversPerCrew: 2, drivingMin: drivingOf(3000) });
    expect(leg.duty.overnightRests).toBeGreaterThan(0);
    expectLawful(leg);
  });

  it('when relays are not allowed, then two drivers rest overnight for the configured minutes or more', () => {
    const leg = schedule(1300, '07:00', { maxRelays: 0 });
    expect(leg.duty).toMatchObject({ crews: 1, driversPerCrew: 2, drivingMin: drivingOf(1300), overnightRests: 1 });
    expect(leg.drivers).toBe(2);
    const rest = leg.stops.filter((s) => s.note?.startsWith('overnight rest'));
    expect(rest).toHaveLength(1);
    expect(minuteOf(rest[0].departAt!) - minuteOf(rest[0].arriveAt!)).toBeGreaterThanOrEqual(rules.overnightRestMin);
    expectLawful(leg);
  });

  it('when a leg over 100 km runs through the night, then it rests through the curfew and drives 2 h stints', () => {
    const leg = schedule(800, '19:00');
    expect(notes(leg).some((n) => n.startsWith('night curfew'))).toBe(true);
    expect(notes(leg)).toContain(`driving break after ${rules.maxContinuousNightMin} min`);
    expect(curfewMinutes(leg)).toEqual([]);
    expectLawful(leg);
  });

  it('when a leg is 100 km or less, then it may drive in the curfew', () => {
    const leg = schedule(90, '01:30');
    expect(curfewMinutes(leg).length).toBeGreaterThan(0);
    expect(leg.drivers).toBe(1);
  });

  it('when one driver drives by day, then a break follows at most 4 h of driving', () => {
    const leg = schedule(390);
    expect(notes(leg)).toEqual([`driving break after ${rules.maxContinuousDayMin} min`]);
    expectLawful(leg);
  });

  it('keeps the 8 h in any 24 h for every driver over a range of legs and starts', () => {
    for (const km of [150, 400, 401, 900, 1150, 1700, 2600])
      for (const start of ['00:30', '07:00', '15:00', '21:45']) {
        for (const maxRelays of [0, 2]) expectLawful(schedule(km, start, { maxRelays }));
      }
  });
});

describe('the cost of a bus leg reflects its crew', () => {
  const coach = config.vehicleTypes.find((v) => v.id === 'bus-53')!;
  const t = config.tariffs;

  it('when the leg has one driver, then it costs the hire alone', () => {
    expect(vehicleCostFen(coach, 300_000, 1, t, 1)).toBe(coach.fixedFen + 300 * coach.perKmFen);
  });

  it('when crews relay, then each extra crew adds its fee on top of the second driver per km', () => {
    const leg = schedule(1300);
    const hire = coach.fixedFen + 1300 * coach.perKmFen + 1300 * t.secondDriverPerKmFen;
    expect(t.relayCrewFen).toBeGreaterThan(0);
    expect(vehicleCostFen(coach, leg.distanceM, leg.drivers, t, leg.duty.crews)).toBe(hire + t.relayCrewFen);
    expect(vehicleCostFen(coach, 1_300_000, 2, t)).toBe(hire);
  });

  it('when a bus leg of a plan is built, then it carries the duty and the relay crew in its cost', () => {
    const ctx = { ...planContext(), distance: linear };
    const place = { provinceCode: '37', city: 'x', lat: 0 };
    const hub = { ...place, id: 'hub-a', kind: 'station' as const, code: 'HA', name: 'A', nameEn: 'A', lon: 0 };
    const factory = { ...place, id: 'factory-b', name: 'B', nameEn: 'B', lon: 13 };
    const leg = dropLeg(ctx, coach, hub, [factory], clock.at('2020-03-02', '07:00'), ['w1']);
    expect(leg.duty).toMatchObject({ crews: 2, driversPerCrew: 2, overnightRests: 0 });
    expect(leg.drivers).toBe(4);
    expect(leg.costFen).toBe(coach.fixedFen + 1300 * (coach.perKmFen + t.secondDriverPerKmFen) + t.relayCrewFen);
  });
});
