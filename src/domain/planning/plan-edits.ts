import { addMinutes } from 'date-fns';
import type { PassengerChecks } from '../health/health-checks';
import { usableSeats } from './bus-loading';
import { vehicleCostFen } from './costing';
import { scheduleBusLeg, type RouteStop } from './drive-schedule';
import { LocalClock } from './clock';
import type { PlanContext } from './plan-input';
import type { PlanStop, PlanTrip } from './plan-schema';
import { reshare } from './trip-edits';

export interface Mover {
  workerId: string;
  village: string;
  lon: number;
  lat: number;
  readyAt: string;
  checks: PassengerChecks;
}

/** A refusal names its rule and the facts the rule was measured on, so it can be worded in any language. */
export type EditParams = Record<string, string | number>;
export type EditOutcome =
  { ok: true; from: PlanTrip | null; to: PlanTrip } | { ok: false; rule: string; message: string; params?: EditParams };

const refuse = (rule: string, message: string, params: EditParams = {}): EditOutcome => ({
  ok: false,
  rule,
  message,
  params,
});
const isDirectBus = (t: PlanTrip) => t.mode === 'bus' && t.legs.length === 1 && t.legs[0].kind === 'direct';
const toRouteStop = (s: PlanStop): RouteStop => ({
  kind: s.kind,
  placeId: s.placeId,
  name: s.name,
  lon: s.lon,
  lat: s.lat,
  boarding: s.boarding,
});

/** Where a new pick-up adds the least road distance, before the destination. */
function insertAt(ctx: PlanContext, route: RouteStop[], stop: RouteStop): RouteStop[] {
  let best = 0,
    bestExtra = Infinity;
  for (let i = 0; i < route.length - 1; i++) {
    const extra =
      i === 0 && route[0].kind !== 'pickup'
        ? Infinity
        : ctx.distance.metres(route[i], stop, 'road') +
          ctx.distance.metres(stop, route[i + 1], 'road') -
          ctx.distance.metres(route[i], route[i + 1], 'road');
    if (extra < bestExtra) [best, bestExtra] = [i + 1, extra];
  }
  const before = ctx.distance.metres(stop, route[0], 'road');
  if (before < bestExtra) return [stop, ...route];
  return [...route.slice(0, best), stop, ...route.slice(best)];
}

/** Re-times and re-costs a direct bus over new pick-ups, under the same driving rules as planning. */
function rebuildBus(
  ctx: PlanContext,
  trip: PlanTrip,
  route: RouteStop[],
  checks: Map<string, PassengerChecks>,
): PlanTrip | null {
  const stops = route.filter((s) => s.kind !== 'pickup' || s.boarding.length > 0);
  if (stops.length < 2) return null;
  const leg = trip.legs[0];
  const type = ctx.config.vehicleTypes.find((v) => v.id === leg.vehicleTypeId)!;
  const start = addMinutes(new Date(leg.stops[0].departAt!), -ctx.config.pickup.dwellMin);
  const timed = scheduleBusLeg(stops, start, {
    rules: ctx.config.driving,
    clock: new LocalClock(ctx.config.utcOffsetMin),
    speedKmh: ctx.config.speedsKmh.bus,
    dwellMin: ctx.config.pickup.dwellMin,
    distance: ctx.distance,
  });
  const passengerIds = stops.flatMap((s) => s.boarding);
  const newLeg = {
    ...leg,
    stops: timed.stops,
    distanceM: timed.distanceM,
    drivers: timed.drivers,
    duty: timed.duty,
    passengerIds,
    costFen: vehicleCostFen(type, timed.distanceM, timed.drivers, ctx.config.tariffs, timed.duty.crews),
    capacity: usableSeats(type),
  };
  return reshare(
    {
      ...trip,
      legs: [newLeg],
      distanceM: timed.distanceM,
      costFen: newLeg.costFen,
      departAt: timed.stops[0].departAt!,
      arriveAt: timed.arriveAt.toISOString(),
    },
    checks,
  );
}

/**
 * Moves people (a family moves whole) from one direct bus to another of the same county and factory.
 * Refused, with the rule, when it would break capacity, readiness, destination or vehicle kind; both
 * buses are re-routed, re-timed under the driving rules and re-costed.
 */
export function moveBetweenBuses(
  ctx: PlanContext,
  from: PlanTrip,
  to: PlanTrip,
  movers: readonly Mover[],
): EditOutcome {
  if (!isDirectBus(from) || !isDirectBus(to))
    return refuse(
      'direct-bus-only',
      'only passengers of direct buses can be moved by hand; re-plan trips by rail or air instead',
    );
  if (from.key === to.key) return refuse('same-trip', 'the passenger is already on this trip', { tripKey: to.key });
  if (from.factoryId !== to.factoryId)
    return refuse('same-destination', `trip ${to.key} goes to ${to.factoryId}, not ${from.factoryId}`, {
      tripKey: to.key,
      factoryId: to.factoryId,
      fromFactoryId: from.factoryId,
    });
  if (from.countyCode !== to.countyCode)
    return refuse('same-county', `trip ${to.key} picks up in county ${to.countyCode}`, {
      tripKey: to.key,
      countyCode: to.countyCode,
    });
  if (to.passengers.length + movers.length > to.capacity)
    return refuse(
      'capacity',
      `trip ${to.key} has ${to.capacity - to.passengers.length} free seat(s) under its load cap, ${movers.length} needed`,
      { tripKey: to.key, free: to.capacity - to.passengers.length, needed: movers.length },
    );
  const late = movers.find((m) => m.readyAt > to.departAt);
  if (late)
    return refuse(
      'ready-before-departure',
      `a passenger is ready only at ${late.readyAt}, after trip ${to.key} leaves at ${to.departAt}`,
      { tripKey: to.key, readyAt: late.readyAt, departAt: to.departAt },
    );
  const moving = new Set(movers.map((m) => m.workerId));
  const checks = new Map([...from.passengers, ...to.passengers].map((p) => [p.workerId, p.checks]));
  const fromRoute = from.legs[0].stops
    .filter((s) => s.kind !== 'rest')
    .map((s) => ({ ...toRouteStop(s), boarding: s.boarding.filter((id) => !moving.has(id)) }));
  let toRoute = to.legs[0].stops.filter((s) => s.kind !== 'rest').map(toRouteStop);
  for (const m of movers) {
    const at = toRoute.findIndex((s) => s.kind === 'pickup' && s.name === m.village);
    if (at >= 0) toRoute = toRoute.map((s, i) => (i === at ? { ...s, boarding: [...s.boarding, m.workerId] } : s));
    else
      toRoute = insertAt(ctx, toRoute, {
        kind: 'pickup',
        placeId: null,
        name: m.village,
        lon: m.lon,
        lat: m.lat,
        boarding: [m.workerId],
      });
  }
  const newTo = rebuildBus(ctx, to, toRoute, checks)!;
  if (newTo.arriveAt < newTo.departAt) return refuse('schedule', 'the new route cannot be scheduled');
  return { ok: true, from: rebuildBus(ctx, from, fromRoute, checks), to: newTo };
}
