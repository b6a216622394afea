import type { LonLat } from '../geo/distance';
import type { VehicleType } from '../reference/planner-config';
import { usableSeats } from './bus-loading';
import { LocalClock } from './clock';
import { vehicleCostFen } from './costing';
import { scheduleBusLeg, type RouteStop } from './drive-schedule';
import type { PlanContext } from './plan-input';

/** One bus run from a to b: when it arrives under the driving rules, how far, and the crew it needs. */
export interface RoadRun {
  arriveAt: Date;
  distanceM: number;
  drivers: number;
  crews: number;
}

export const busTypesOf = (ctx: PlanContext): VehicleType[] => ctx.config.vehicleTypes.filter((v) => v.mode === 'bus');
export const largestBus = (ctx: PlanContext): VehicleType =>
  [...busTypesOf(ctx)].sort((a, b) => usableSeats(b) - usableSeats(a) || (a.id < b.id ? -1 : 1))[0];

const point = (p: LonLat, boarding: string[]): RouteStop => ({
  kind: 'pickup',
  placeId: null,
  name: '',
  lon: p.lon,
  lat: p.lat,
  boarding,
});

/** The bus timing rules of the configuration. */
export const busTiming = (ctx: PlanContext) => ({
  rules: ctx.config.driving,
  clock: new LocalClock(ctx.config.utcOffsetMin),
  speedKmh: ctx.config.speedsKmh.bus,
  dwellMin: ctx.config.pickup.dwellMin,
  distance: ctx.distance,
});

/** A bus from `a` to `b` leaving at `start`, timed and crewed like a planned leg (breaks, curfew, driver hours). */
export function roadRun(ctx: PlanContext, a: LonLat, b: LonLat, start: Date): RoadRun {
  const t = scheduleBusLeg([point(a, ['x']), point(b, [])], start, busTiming(ctx));
  return { arriveAt: t.arriveAt, distanceM: t.distanceM, drivers: t.drivers, crews: t.duty?.crews ?? 1 };
}

/** Hire of one bus on a run, with its crew. */
export const runFen = (ctx: PlanContext, v: VehicleType, run: RoadRun): number =>
  vehicleCostFen(v, run.distanceM, run.drivers, ctx.config.tariffs, run.crews);

/** Direct buses for `n` on one run: full largest buses and the cheapest bus that seats the rest. */
export function fleetFen(ctx: PlanContext, n: number, run: RoadRun): number {
  const bus = largestBus(ctx);
  const cap = usableSeats(bus);
  const full = Math.floor(n / cap),
    rest = n - full * cap;
  const small =
    rest > 0
      ? [...busTypesOf(ctx)].filter((b) => usableSeats(b) >= rest).sort((a, b) => a.fixedFen - b.fixedFen)[0]
      : null;
  return full * runFen(ctx, bus, run) + (small ? runFen(ctx, small, run) : 0);
}
