import { addMinutes } from 'date-fns';
import type { DrivingRules } from '../reference/planner-config';
import type { DistanceProvider } from '../geo/distance';
import type { LocalClock } from './clock';
import {
  atWheel,
  drive,
  dutyOf,
  headroom,
  newCrew,
  nextDriver,
  otherMayDrive,
  overnightRestLength,
  relay,
  type CrewState,
} from './driver-duty';
import type { Duty, PlanStop } from './plan-schema';

/** A stop of a bus route before it is timed. */
export type RouteStop = Omit<PlanStop, 'seq' | 'arriveAt' | 'departAt' | 'note'>;

export interface BusTiming {
  rules: DrivingRules;
  clock: LocalClock;
  speedKmh: number;
  dwellMin: number;
  distance: DistanceProvider;
}

/** A stretch one driver drove without a stop: crew 0 is the first crew, seat 0 its first driver. */
export interface DrivingSpell {
  crew: number;
  seat: number;
  from: string;
  to: string;
}

export interface TimedBusLeg {
  stops: PlanStop[];
  distanceM: number;
  /** Every driver used on the leg: crews × drivers per crew. */
  drivers: number;
  duty: Duty;
  /** Who drove when, so the hours can be checked against the stops. */
  spells: DrivingSpell[];
  arriveAt: Date;
}

interface DriveState {
  start: Date;
  /** Minutes since `start`. */
  t: number;
  continuous: number;
  stops: PlanStop[];
  crew: CrewState;
}

/** Where on a segment the bus stops: a share of the way from `from` to `to`. */
interface OnSegment {
  from: RouteStop;
  to: RouteStop;
  fraction: number;
}

const now = (s: DriveState): Date => addMinutes(s.start, s.t);

function restStop(s: DriveState, at: OnSegment, minutes: number, note: string): void {
  const arriveAt = now(s);
  s.t += minutes;
  s.continuous = 0;
  s.stops.push({
    seq: s.stops.length,
    kind: 'rest',
    placeId: null,
    name: note,
    boarding: [],
    note,
    lon: +(at.from.lon + (at.to.lon - at.from.lon) * at.fraction).toFixed(5),
    lat: +(at.from.lat + (at.to.lat - at.from.lat) * at.fraction).toFixed(5),
    arriveAt: arriveAt.toISOString(),
    departAt: now(s).toISOString(),
  });
}

/**
 * The driver at the wheel has spent their hours in 24 h: the other driver takes over after a break, else a fresh
 * crew at a relay point, else the crew rests overnight until someone of it may drive a full stint again.
 */
function handOver(s: DriveState, at: OnSegment, left: number, r: DrivingRules): void {
  const cap = r.maxDriverMinPer24h;
  const c = s.crew;
  if (otherMayDrive(c, s.t, cap)) {
    const spent = atWheel(c).seat + 1;
    restStop(s, at, r.breakMin, `driver change: driver ${spent} has driven ${cap} min in 24 h`);
    nextDriver(c, s.t, cap);
  } else if (c.relaysLeft > 0) {
    relay(c);
    restStop(s, at, r.breakMin, `relay: crew ${atWheel(c).crew + 1} takes over`);
  } else {
    const need = Math.min(left, r.maxContinuousDayMin, r.maxContinuousNightMin, cap);
    c.overnightRests += 1;
    restStop(s, at, overnightRestLength(c, s.t, r, need), `overnight rest: the crew has driven its hours`);
    nextDriver(c, s.t, cap);
  }
}

/** Drives one segment minute-exactly, inserting breaks, driver changes and curfew waits where the rules demand. */
function driveSegment(s: DriveState, from: RouteStop, to: RouteStop, minutes: number, curfew: boolean, o: BusTiming) {
  const r = o.rules;
  const cap = r.maxDriverMinPer24h;
  let left = minutes;
  while (left > 0) {
    const at: OnSegment = { from, to, fraction: (minutes - left) / minutes };
    const t = now(s);
    if (curfew && o.clock.within(t, r.curfewStarts, r.curfewEnds)) {
      restStop(s, at, o.clock.minutesUntil(t, r.curfewEnds), `night curfew ${r.curfewStarts}–${r.curfewEnds}`);
      nextDriver(s.crew, s.t, cap);
      continue;
    }
    const night = o.clock.within(t, r.nightStarts, r.nightEnds);
    const limit = night ? r.maxContinuousNightMin : r.maxContinuousDayMin;
    if (s.continuous >= limit) {
      restStop(s, at, r.breakMin, `driving break after ${s.continuous} min`);
      nextDriver(s.crew, s.t, cap);
      continue;
    }
    const boundary = o.clock.minutesUntil(t, night ? r.nightEnds : r.nightStarts);
    const curfewIn = curfew ? o.clock.minutesUntil(t, r.curfewStarts) : Infinity;
    const want = Math.min(left, limit - s.continuous, boundary, curfewIn);
    const chunk = headroom(atWheel(s.crew), s.t, cap, want);
    if (chunk === 0) {
      handOver(s, at, left, r);
      continue;
    }
    drive(s.crew, s.t, chunk);
    s.t += chunk;
    s.continuous += chunk;
    left -= chunk;
  }
}

/** Times the route with the given crew: dwell at pick-ups, driving breaks and hours, the night curfew. */
function timeRoute(route: readonly RouteStop[], metres: number[], start: Date, o: BusTiming, crew: CrewState) {
  const distanceM = metres.reduce((a, b) => a + b, 0);
  const curfew = distanceM > o.rules.curfewExemptKm * 1000;
  const s: DriveState = { start, t: 0, continuous: 0, stops: [], crew };
  route.forEach((stop, i) => {
    if (i > 0)
      driveSegment(s, route[i - 1], stop, Math.max(1, Math.ceil((metres[i - 1] / 1000 / o.speedKmh) * 60)), curfew, o);
    const arriveAt = now(s);
    const last = i === route.length - 1;
    if (!last && stop.boarding.length > 0) s.t += o.dwellMin;
    s.stops.push({
      ...stop,
      seq: s.stops.length,
      note: null,
      arriveAt: i === 0 ? null : arriveAt.toISOString(),
      departAt: last ? null : now(s).toISOString(),
    });
  });
  const iso = (m: number) => addMinutes(start, m).toISOString();
  const spells = crew.drivers
    .flatMap((d) => d.spells.map(([a, b]) => ({ crew: d.crew, seat: d.seat, from: iso(a), to: iso(b), a })))
    .sort((x, y) => x.a - y.a)
    .map(({ a: _a, ...spell }) => spell);
  const duty = dutyOf(crew);
  return { stops: s.stops, distanceM, drivers: duty.crews * duty.driversPerCrew, duty, spells, arriveAt: now(s) };
}

/**
 * Times a bus route from `start` and chooses its crew: one driver when the leg is at most `secondDriverAboveKm` and
 * fits one driver's hours, else two who take turns at each break, with fresh crews at relay points while
 * `maxRelays` allows and overnight rests after that.
 */
export function scheduleBusLeg(route: readonly RouteStop[], start: Date, o: BusTiming): TimedBusLeg {
  const metres = route.slice(1).map((stop, i) => o.distance.metres(route[i], stop, 'road'));
  const short = metres.reduce((a, b) => a + b, 0) <= o.rules.secondDriverAboveKm * 1000;
  const alone = short ? timeRoute(route, metres, start, o, newCrew(1, 0)) : null;
  if (alone && alone.duty.overnightRests === 0) return alone;
  return timeRoute(route, metres, start, o, newCrew(2, o.rules.maxRelays));
}
