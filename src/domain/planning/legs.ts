import type { Factory, Hub } from '../reference/places';
import type { VehicleType } from '../reference/planner-config';
import { usableSeats, type BusLoad } from './bus-loading';
import { LocalClock } from './clock';
import { defaultSplit } from './bearer-split';
import { vehicleCostFen } from './costing';
import { scheduleBusLeg, type RouteStop } from './drive-schedule';
import type { PlanContext } from './plan-input';
import type { PlanLeg, PlanStop } from './plan-schema';

export type Place = { kind: 'hub'; hub: Hub } | { kind: 'factory'; factory: Factory };

export function placeStop(p: Place, boarding: string[] = []): RouteStop {
  const x = p.kind === 'hub' ? p.hub : p.factory;
  const kind = p.kind === 'hub' ? p.hub.kind : 'factory';
  return { kind, placeId: x.id, name: x.name, lon: x.lon, lat: x.lat, boarding };
}

const timing = (ctx: PlanContext) => ({
  rules: ctx.config.driving,
  clock: new LocalClock(ctx.config.utcOffsetMin),
  speedKmh: ctx.config.speedsKmh.bus,
  dwellMin: ctx.config.pickup.dwellMin,
  distance: ctx.distance,
});

function busLeg(
  ctx: PlanContext,
  kind: PlanLeg['kind'],
  type: VehicleType,
  route: RouteStop[],
  start: Date,
  passengerIds: string[],
): PlanLeg {
  const timed = scheduleBusLeg(route, start, timing(ctx));
  return {
    seq: 0,
    kind,
    mode: 'bus',
    vehicleTypeId: type.id,
    capacity: usableSeats(type),
    drivers: timed.drivers,
    duty: timed.duty,
    distanceM: timed.distanceM,
    costFen: vehicleCostFen(type, timed.distanceM, timed.drivers, ctx.config.tariffs, timed.duty.crews),
    stops: timed.stops,
    passengerIds,
    bearers: defaultSplit(ctx.bearers, 'bus'),
  };
}

/** A bus that picks up village by village and drops everyone at `to` (the factory or a hub). */
export function pickupLeg(
  ctx: PlanContext,
  kind: 'direct' | 'first-mile',
  load: BusLoad,
  to: Place,
  start: Date,
): PlanLeg {
  const route: RouteStop[] = load.stops.map((s) => ({
    kind: 'pickup',
    placeId: null,
    name: s.village,
    lon: +s.lon.toFixed(5),
    lat: +s.lat.toFixed(5),
    boarding: s.units.flatMap((u) => u.members.map((m) => m.id)),
  }));
  route.push(placeStop(to));
  return busLeg(
    ctx,
    kind,
    load.vehicleType,
    route,
    start,
    route.flatMap((r) => r.boarding),
  );
}

/** A bus from the arrival hub to one or more factories, in the order given. */
export function dropLeg(
  ctx: PlanContext,
  type: VehicleType,
  from: Hub,
  factories: readonly Factory[],
  start: Date,
  ids: string[],
): PlanLeg {
  const route = [
    placeStop({ kind: 'hub', hub: from }, ids),
    ...factories.map((f) => placeStop({ kind: 'factory', factory: f })),
  ];
  return busLeg(ctx, 'last-mile', type, route, start, ids);
}

/** When and how a train or flight runs: its departure, arrival, price, seats offered and the service taken. */
export interface TrunkRun {
  start: Date;
  arriveAt: Date;
  ids: string[];
  costFen: number;
  capacity: number;
  service: NonNullable<PlanLeg['service']>;
}

/** A train or flight between two hubs. */
export function trunkLeg(ctx: PlanContext, type: VehicleType, from: Hub, to: Hub, run: TrunkRun): PlanLeg {
  const stop = (h: Hub, seq: number, arriveAt: Date | null, departAt: Date | null, boarding: string[]): PlanStop => ({
    ...placeStop({ kind: 'hub', hub: h }, boarding),
    seq,
    note: null,
    arriveAt: arriveAt?.toISOString() ?? null,
    departAt: departAt?.toISOString() ?? null,
  });
  return {
    seq: 0,
    kind: 'trunk',
    mode: type.mode,
    vehicleTypeId: type.id,
    capacity: run.capacity,
    drivers: 0,
    distanceM: ctx.distance.metres(from, to, type.mode === 'flight' ? 'air' : 'rail'),
    costFen: run.costFen,
    stops: [stop(from, 0, null, run.start, run.ids), stop(to, 1, run.arriveAt, null, [])],
    passengerIds: run.ids,
    bearers: defaultSplit(ctx.bearers, type.mode),
    service: run.service,
  };
}

export const legArrival = (leg: PlanLeg): Date => new Date(leg.stops.at(-1)!.arriveAt!);
