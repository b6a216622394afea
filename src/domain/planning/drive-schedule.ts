import { addMinutes } from 'date-fns';
import type { DrivingRules } from '../reference/planner-config';
import type { DistanceProvider } from '../geo/distance';
import type { LocalClock } from './clock';
import type { PlanStop } from './plan-schema';

/** A stop of a bus route before it is timed. */
export type RouteStop = Omit<PlanStop, 'seq' | 'arriveAt' | 'departAt' | 'note'>;

export interface BusTiming {
  rules: DrivingRules;
  clock: LocalClock;
  speedKmh: number;
  dwellMin: number;
  distance: DistanceProvider;
}

export interface TimedBusLeg {
  stops: PlanStop[];
  distanceM: number;
  drivers: number;
  arriveAt: Date;
}

interface DriveState {
  t: Date;
  continuous: number;
  stops: PlanStop[];
}

const restStop = (
  s: DriveState,
  from: RouteStop,
  to: RouteStop,
  fraction: number,
  minutes: number,
  note: string,
): void => {
  const arriveAt = s.t;
  s.t = addMinutes(s.t, minutes);
  s.continuous = 0;
  s.stops.push({
    seq: s.stops.length,
    kind: 'rest',
    placeId: null,
    name: note,
    boarding: [],
    note,
    lon: +(from.lon + (to.lon - from.lon) * fraction).toFixed(5),
    lat: +(from.lat + (to.lat - from.lat) * fraction).toFixed(5),
    arriveAt: arriveAt.toISOString(),
    departAt: s.t.toISOString(),
  });
};

/** Drives one segment minute-exactly, inserting breaks and curfew waits where the rules demand them. */
function driveSegment(
  s: DriveState,
  from: RouteStop,
  to: RouteStop,
  minutes: number,
  curfew: boolean,
  o: BusTiming,
): void {
  const r = o.rules;
  let left = minutes;
  while (left > 0) {
    const fraction = (minutes - left) / minutes;
    if (curfew && o.clock.within(s.t, r.curfewStarts, r.curfewEnds)) {
      restStop(
        s,
        from,
        to,
        fraction,
        o.clock.minutesUntil(s.t, r.curfewEnds),
        `night curfew ${r.curfewStarts}–${r.curfewEnds}`,
      );
      continue;
    }
    const night = o.clock.within(s.t, r.nightStarts, r.nightEnds);
    const limit = night ? r.maxContinuousNightMin : r.maxContinuousDayMin;
    if (s.continuous >= limit) {
      restStop(s, from, to, fraction, r.breakMin, `driving break after ${s.continuous} min`);
      continue;
    }
    const boundary = o.clock.minutesUntil(s.t, night ? r.nightEnds : r.nightStarts);
    const curfewIn = curfew ? o.clock.minutesUntil(s.t, r.curfewStarts) : Infinity;
    const chunk = Math.min(left, limit - s.continuous, boundary, curfewIn);
    s.t = addMinutes(s.t, chunk);
    s.continuous += chunk;
    left -= chunk;
  }
}

/** Times a bus route from `start`: dwell at pick-ups, driving breaks, the night curfew, drivers needed. */
export function scheduleBusLeg(route: readonly RouteStop[], start: Date, o: BusTiming): TimedBusLeg {
  const metres = route.slice(1).map((stop, i) => o.distance.metres(route[i], stop, 'road'));
  const distanceM = metres.reduce((a, b) => a + b, 0);
  const curfew = distanceM > o.rules.curfewExemptKm * 1000;
  const s: DriveState = { t: start, continuous: 0, stops: [] };
  route.forEach((stop, i) => {
    if (i > 0)
      driveSegment(s, route[i - 1], stop, Math.max(1, Math.ceil((metres[i - 1] / 1000 / o.speedKmh) * 60)), curfew, o);
    const arriveAt = s.t;
    const last = i === route.length - 1;
    if (!last && stop.boarding.length > 0) s.t = addMinutes(s.t, o.dwellMin);
    s.stops.push({
      ...stop,
      seq: s.stops.length,
      note: null,
      arriveAt: i === 0 ? null : arriveAt.toISOString(),
      departAt: last ? null : s.t.toISOString(),
    });
  });
  return { stops: s.stops, distanceM, drivers: distanceM > o.rules.secondDriverAboveKm * 1000 ? 2 : 1, arriveAt: s.t };
}
