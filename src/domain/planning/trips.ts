import { addMinutes, max as latest } from 'date-fns';
import type { LonLat } from '../geo/distance';
import type { Factory } from '../reference/places';
import type { VehicleType } from '../reference/planner-config';
import { smallestBusFor, unitsOf, usableSeats } from './bus-loading';
import { pickupRoundLimitM, routeBuses, type BusRoutingParams } from './bus-routing';
import { LocalClock } from './clock';
import { passengerShares, railFareFen, vehicleCostFen } from './costing';
import type { TravelGroup, TravelUnit } from './grouping';
import { lastMileLeg, legArrival, pickupLeg, trunkLeg, type Place } from './legs';
import type { TrunkOption } from './mode-choice';
import type { PlanContext } from './plan-input';
import type { PlanLeg, PlanTrip } from './plan-schema';

/** A trip before keys and passenger check lists are attached. */
export type TripDraft = Omit<PlanTrip, 'key' | 'passengers'> & {
  passengers: Omit<PlanTrip['passengers'][number], 'checks'>[];
};

export const busTypes = (ctx: PlanContext): VehicleType[] => ctx.config.vehicleTypes.filter((v) => v.mode === 'bus');
const ids = (units: readonly TravelUnit[]) => units.flatMap((u) => u.members.map((m) => m.id));
const people = (units: readonly TravelUnit[]) => units.reduce((n, u) => n + u.members.length, 0);

/** Departure: when the last passenger is ready, never before the configured start of the day. */
export function startTime(ctx: PlanContext, day: string, units: readonly TravelUnit[]): Date {
  const dayStart = new LocalClock(ctx.config.utcOffsetMin).at(day, ctx.config.pickup.earliestStart);
  return latest([dayStart, ...units.map((u) => new Date(u.readyAt))]);
}

/** Who pays for each leg, per passenger: see costing. */
export { passengerShares };

function assemble(g: TravelGroup, main: PlanLeg, legs: PlanLeg[], modeReason: string): TripDraft {
  legs.forEach((l, i) => (l.seq = i));
  return {
    mode: main.mode,
    vehicleTypeId: main.vehicleTypeId,
    capacity: main.capacity,
    countyCode: g.countyCode,
    factoryId: g.factoryId,
    departAt: legs[0].stops[0].departAt!,
    arriveAt: legArrival(legs.at(-1)!).toISOString(),
    distanceM: legs.reduce((m, l) => m + l.distanceM, 0),
    costFen: legs.reduce((s, l) => s + l.costFen, 0),
    modeReason,
    legs,
    passengers: passengerShares(legs),
  };
}

/** Router parameters from the planner configuration (fleet, budget, the pick-up round limit of the driving rules). */
export function routingParams(ctx: PlanContext, now?: () => number): BusRoutingParams {
  return {
    buses: busTypes(ctx),
    distance: ctx.distance,
    routing: ctx.config.routing,
    maxRoundM: pickupRoundLimitM(ctx.config.driving, ctx.config.speedsKmh.bus),
    now,
  };
}

/** Pick-up buses for `units` to `to`, routed as a CVRP; one leg per bus. */
function pickupLegs(
  ctx: PlanContext,
  kind: 'direct' | 'first-mile',
  day: string,
  units: readonly TravelUnit[],
  dest: LonLat,
  to: Place,
  now?: () => number,
): PlanLeg[] {
  return routeBuses(units, dest, routingParams(ctx, now)).map((load) =>
    pickupLeg(ctx, kind, load, to, startTime(ctx, day, unitsOf(load))),
  );
}

export function busTrips(
  ctx: PlanContext,
  g: TravelGroup,
  factory: Factory,
  reason: string,
  now?: () => number,
): TripDraft[] {
  return pickupLegs(ctx, 'direct', g.day, g.units, factory, { kind: 'factory', factory }, now).map((leg) =>
    assemble(g, leg, [leg], reason),
  );
}

/** Splits units into consecutive blocks of at most `cap` people without splitting a family. */
export function chunkUnits(units: readonly TravelUnit[], cap: number): TravelUnit[][] {
  const blocks: TravelUnit[][] = [];
  let cur: TravelUnit[] = [],
    n = 0;
  for (const u of units) {
    if (n + u.members.length > cap && cur.length) [cur, n] = [(blocks.push(cur), []), 0];
    cur.push(u);
    n += u.members.length;
  }
  if (cur.length) blocks.push(cur);
  return blocks;
}

/** First-fit decreasing: units into as few bins of `cap` as whole families allow (bins in a stable order). */
export function packUnits(units: readonly TravelUnit[], cap: number): TravelUnit[][] {
  const sorted = [...units].sort(
    (a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const bins: { units: TravelUnit[]; n: number }[] = [];
  for (const u of sorted) {
    const k = u.members.length;
    const bin = bins.find((b) => b.n + k <= cap);
    if (bin) {
      bin.units.push(u);
      bin.n += k;
    } else bins.push({ units: [u], n: k });
  }
  return bins.map((b) => b.units);
}

function trunkTrip(
  ctx: PlanContext,
  g: TravelGroup,
  factory: Factory,
  o: TrunkOption,
  type: VehicleType,
  units: TravelUnit[],
  reason: string,
  now?: () => number,
): TripDraft {
  const first = pickupLegs(ctx, 'first-mile', g.day, units, o.from, { kind: 'hub', hub: o.from }, now);
  const transfer = ctx.config.hubTransferMin[o.from.kind];
  const trunkStart = addMinutes(latest(first.map(legArrival)), transfer);
  const people = first.flatMap((l) => l.passengerIds);
  const network = type.mode === 'flight' ? 'air' : 'rail';
  const trunkCost = type.perSeat
    ? people.length * railFareFen(ctx.config.tariffs, ctx.distance.metres(o.from, o.to, network))
    : vehicleCostFen(type, ctx.distance.metres(o.from, o.to, network));
  const trunk = trunkLeg(ctx, type, o.from, o.to, trunkStart, people, trunkCost);
  const lastStart = addMinutes(legArrival(trunk), ctx.config.hubTransferMin[o.to.kind]);
  const buses = busTypes(ctx);
  const maxBus = Math.max(...buses.map(usableSeats));
  const last = packUnits(units, maxBus).map((bin) =>
    lastMileLeg(
      ctx,
      smallestBusFor(
        bin.reduce((n, u) => n + u.members.length, 0),
        buses,
      ),
      o.to,
      factory,
      lastStart,
      ids(bin),
    ),
  );
  return assemble(g, trunk, [...first, trunk, ...last], reason);
}

/** Regular seats are bought in blocks; a block is a whole number of the largest bus's seats, so feeders run full. */
export function seatBlockSize(ctx: PlanContext, seatType: VehicleType): number {
  const bus = Math.max(...busTypes(ctx).map(usableSeats));
  const block = usableSeats(seatType);
  return block >= bus ? Math.floor(block / bus) * bus : block;
}

/** Orders units so that consecutive blocks stay close together: village by village, nearest to the hub last. */
function hubOrder(ctx: PlanContext, units: readonly TravelUnit[], hub: LonLat): TravelUnit[] {
  const far = new Map<string, number>();
  for (const u of units) if (!far.has(u.village)) far.set(u.village, ctx.distance.metres(u, hub, 'road'));
  return [...units].sort(
    (a, b) =>
      far.get(b.village)! - far.get(a.village)! ||
      (a.village < b.village ? -1 : a.village > b.village ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * Chartered trains or flights filled first (each with its own first-mile and last-mile buses); the rest of
 * the group by direct bus (`rest: 'bus'`) or on blocks of regular train seats.
 */
export function trunkTrips(
  ctx: PlanContext,
  g: TravelGroup,
  factory: Factory,
  o: TrunkOption,
  rest: 'bus' | TrunkOption | null,
  reason: string,
  now?: () => number,
): TripDraft[] {
  const trips: TripDraft[] = [];
  let left = hubOrder(ctx, g.units, o.from);
  if (o.charterType) {
    const blocks = chunkUnits(left, usableSeats(o.charterType)).slice(0, o.charters);
    blocks.forEach((b) => trips.push(trunkTrip(ctx, g, factory, o, o.charterType!, b, reason, now)));
    left = left.slice(blocks.reduce((n, b) => n + b.length, 0));
  }
  if (!left.length) return trips;
  if (o.charterType && rest === 'bus') {
    const why = `${reason}; remaining ${people(left)} by direct bus`;
    return [...trips, ...busTrips(ctx, { ...g, units: left, size: people(left) }, factory, why, now)];
  }
  const seatOption = o.charterType ? (rest === 'bus' ? null : rest) : o;
  const seatType = ctx.config.vehicleTypes.find((v) => v.mode === 'train' && v.perSeat);
  if (seatOption && seatType) {
    const why = o.charterType ? `${reason}; remaining ${people(left)} on regular train seats` : reason;
    chunkUnits(hubOrder(ctx, left, seatOption.from), seatBlockSize(ctx, seatType)).forEach((b) =>
      trips.push(trunkTrip(ctx, g, factory, seatOption, seatType, b, why, now)),
    );
  }
  return trips;
}
