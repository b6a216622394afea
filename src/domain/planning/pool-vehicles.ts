import { addMinutes, max as latest } from 'date-fns';
import type { Factory, Hub } from '../reference/places';
import { smallestBusFor, unitsOf, usableSeats, type BusLoad } from './bus-loading';
import { routeBuses } from './bus-routing';
import type { TravelUnit } from './grouping';
import { dropLeg, legArrival, pickupLeg, trunkLeg, type Place } from './legs';
import type { TrunkPick } from './trunk-costs';
import type { PlanContext } from './plan-input';
import type { PlanLeg } from './plan-schema';
import { busTypesOf } from './road-runs';
import { chunkUnits, fillUnits, hubOrder, routingParams, startTime } from './trips';
import { seatsOffered, trunkCostFen, vehicleCapacity } from './trunk-costs';
import { trunkTimes } from './trunk-service';
import { timeWaves } from './time-waves';
import { cmp } from '../order';

const people = (units: readonly TravelUnit[]) => units.reduce((n, u) => n + u.members.length, 0);
const ids = (units: readonly TravelUnit[]) => units.flatMap((u) => u.members.map((m) => m.id));

/**
 * The vehicles of one pool, each a whole leg with everyone aboard, and the vehicles each travel unit rides in order.
 * Keys are local to the pool (`v1`, `v2`, …); the plan renumbers them.
 */
export class Fleet {
  readonly vehicles = new Map<string, PlanLeg>();
  readonly journeys = new Map<string, string[]>();
  private made = 0;

  add(leg: PlanLeg, units: readonly TravelUnit[]): void {
    const key = `v${++this.made}`;
    this.vehicles.set(key, { ...leg, vehicleKey: key });
    for (const u of units) this.journeys.set(u.key, [...(this.journeys.get(u.key) ?? []), key]);
  }

  /** The vehicle `key` driven as `leg` instead (the same travellers, other times). */
  update(key: string, leg: PlanLeg): void {
    this.vehicles.set(key, { ...leg, vehicleKey: key });
  }

  /** When a unit's journey begins: the departure of the first vehicle it rides. */
  journeyStart(unitKey: string): number {
    return Date.parse(this.vehicles.get(this.journeys.get(unitKey)![0])!.stops[0].departAt!);
  }

  /** Vehicles instead of `old`: each unit of theirs rides its new one where it rode one of the old. */
  replace(old: readonly string[], legs: readonly { leg: PlanLeg; units: readonly TravelUnit[] }[]): void {
    for (const k of old) this.vehicles.delete(k);
    for (const { leg, units } of legs) {
      const key = `v${++this.made}`;
      this.vehicles.set(key, { ...leg, vehicleKey: key });
      for (const u of units)
        this.journeys.set(
          u.key,
          this.journeys.get(u.key)!.map((k) => (old.includes(k) ? key : k)),
        );
    }
  }
}

export interface PoolScope {
  ctx: PlanContext;
  day: string;
  factories: ReadonlyMap<string, Factory>;
  /** Offers already taken by a block of this pool. */
  taken: Set<string>;
  now?: () => number;
}

function byFactory(units: readonly TravelUnit[]): [string, TravelUnit[]][] {
  const m = new Map<string, TravelUnit[]>();
  for (const u of units) m.set(u.members[0].factoryId, [...(m.get(u.members[0].factoryId) ?? []), u]);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Pick-up buses for `units` to one place, routed as a CVRP across every county of the pool. */
function pickups(s: PoolScope, kind: 'direct' | 'first-mile', units: readonly TravelUnit[], to: Place): BusLoad[] {
  const at = to.kind === 'hub' ? to.hub : to.factory;
  return routeBuses(units, at, routingParams(s.ctx, s.now));
}

const hoursOf = (leg: PlanLeg) => (legArrival(leg).getTime() - Date.parse(leg.stops[0].departAt!)) / 3_600_000;

/**
 * Direct buses from the villages to each factory, picking up across the pool's counties. Where a round across
 * counties would keep someone on the bus over the door-to-door limit, that factory's buses are routed county by
 * county instead.
 */
export function directBuses(s: PoolScope, fleet: Fleet, units: readonly TravelUnit[]): void {
  const limitH = s.ctx.config.modeChoice.maxDoorToDoorHours;
  for (const [id, mine] of byFactory(units)) {
    const factory = s.factories.get(id)!;
    const to: Place = { kind: 'factory', factory };
    const route = (us: readonly TravelUnit[]) =>
      pickups(s, 'direct', us, to).map((load) => ({
        load,
        leg: pickupLeg(s.ctx, 'direct', load, to, startTime(s.ctx, s.day, unitsOf(load))),
      }));
    let buses = route(mine);
    if (buses.some((b) => hoursOf(b.leg) > limitH)) {
      const perCounty = byCounty(mine).flatMap(route);
      if (Math.max(...perCounty.map((b) => hoursOf(b.leg))) < Math.max(...buses.map((b) => hoursOf(b.leg))))
        buses = perCounty;
    }
    for (const b of buses) fleet.add(b.leg, unitsOf(b.load));
  }
}

function byCounty(units: readonly TravelUnit[]): TravelUnit[][] {
  const m = new Map<string, TravelUnit[]>();
  for (const u of units) m.set(u.members[0].countyCode, [...(m.get(u.members[0].countyCode) ?? []), u]);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, us]) => us);
}

/**
 * First-mile buses timed to the trunk: each leaves as late as lets it arrive the transfer time before departure
 * (never before its travellers are ready), so nobody waits hours at the hub.
 */
function feeders<T extends { departAt: Date }>(
  s: PoolScope,
  loads: readonly BusLoad[],
  hub: Hub,
  departs: (readyAt: Date) => T,
) {
  const to: Place = { kind: 'hub', hub };
  const early = loads.map((l) => pickupLeg(s.ctx, 'first-mile', l, to, startTime(s.ctx, s.day, unitsOf(l))));
  const trunk = departs(addMinutes(latest(early.map(legArrival)), s.ctx.config.hubTransferMin[hub.kind]));
  const trunkAt = trunk.departAt;
  const due = addMinutes(trunkAt, -s.ctx.config.hubTransferMin[hub.kind]);
  const legs = early.map((leg, i) => retimed(leg, due, (start) => pickupLeg(s.ctx, 'first-mile', loads[i], to, start)));
  return { loads, legs, trunk };
}

/**
 * The latest start that still arrives by `due`: shifted by the slack, then back by any overshoot the driving rules
 * add at the new time of day (a night curfew, say), a few times; the early leg when no later one makes it.
 */
export function retimed(early: PlanLeg, due: Date, at: (start: Date) => PlanLeg): PlanLeg {
  const best = early;
  let start = Date.parse(early.stops[0].departAt!) + (due.getTime() - legArrival(early).getTime());
  for (let i = 0; i < 4 && start > Date.parse(best.stops[0].departAt!); i++) {
    const leg = at(new Date(start));
    const over = legArrival(leg).getTime() - due.getTime();
    if (over <= 0) return leg;
    start -= over;
  }
  return best;
}

/** The vehicle a unit arrived at the hub on, zero-padded so that keys sort in the order they were added. */
const feederOf = (fleet: Fleet, u: TravelUnit) => (fleet.journeys.get(u.key)?.at(-2) ?? '').padStart(8, '0');

/**
 * Last-mile buses from the hub that a block fills per factory; answers the part-filled rest (see `lastMileRests`).
 */
function lastMileFull(s: PoolScope, fleet: Fleet, block: readonly TravelUnit[], hub: Hub, start: Date): TravelUnit[][] {
  const buses = busTypesOf(s.ctx);
  const cap = Math.max(...buses.map(usableSeats));
  const partial: TravelUnit[][] = [];
  for (const [id, mine] of byFactory(block)) {
    const factory = s.factories.get(id)!;
    // In the order of the feeders they came on, so that who rode in together rides on together (fewer trips).
    const byFeeder = [...mine].sort((a, b) => cmp(feederOf(fleet, a), feederOf(fleet, b)) || cmp(a.key, b.key));
    for (const bin of chunkUnits(byFeeder, cap)) {
      if (people(bin) >= cap)
        fleet.add(dropLeg(s.ctx, smallestBusFor(cap, buses), hub, [factory], start, ids(bin)), bin);
      else partial.push(bin);
    }
  }
  return partial;
}

/**
 * The part-filled rests of a pick's trunks, dropping at several factories: rests of trunks that reach the hub within
 * `lastMileWaitMin` of the first of them share buses, which leave when the last of those trunks is in.
 */
function lastMileRests(s: PoolScope, fleet: Fleet, rests: { start: Date; bins: TravelUnit[][] }[], hub: Hub): void {
  const sorted = [...rests].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const wave of timeWaves(sorted, (r) => r.start.getTime(), s.ctx.config.lastMileWaitMin * 60_000))
    for (const b of restBuses(
      s,
      hub,
      wave.at(-1)!.start,
      wave.flatMap((r) => r.bins),
    ))
      fleet.add(b.leg, b.units);
}

/** Buses from the hub at `start` for part-filled busloads: merged (`mergedPartials`), each dropping nearest first. */
export function restBuses(s: PoolScope, hub: Hub, start: Date, bins: readonly TravelUnit[][]) {
  const buses = busTypesOf(s.ctx);
  return mergedPartials(bins, Math.max(...buses.map(usableSeats))).map((units) => {
    const stops = [...new Set(units.map((u) => u.members[0].factoryId))].map((id) => s.factories.get(id)!);
    const order = nearestFirst(s.ctx, hub, stops);
    return { leg: dropLeg(s.ctx, smallestBusFor(people(units), buses), hub, order, start, ids(units)), units };
  });
}

/**
 * Part-filled busloads merged whole, first fit and largest first (a factory's rest on one bus); poured unit by unit
 * instead where that takes fewer buses.
 */
function mergedPartials(partial: readonly TravelUnit[][], cap: number): TravelUnit[][] {
  const sorted = [...partial].sort((a, b) => people(b) - people(a) || cmp(a[0].key, b[0].key));
  const merged: TravelUnit[][] = [];
  for (const p of sorted) {
    const bin = merged.find((m) => people(m) + people(p) <= cap);
    if (bin) bin.push(...p);
    else merged.push([...p]);
  }
  if (merged.length <= Math.ceil(people(sorted.flat()) / cap)) return merged;
  const poured = fillUnits(sorted.flat(), cap);
  return poured.length < merged.length ? poured : merged;
}

/** Drop order from the hub: each next factory the nearest to the last stop. */
function nearestFirst(ctx: PlanContext, hub: Hub, stops: readonly Factory[]): Factory[] {
  const left = [...stops];
  const out: Factory[] = [];
  let at: { lon: number; lat: number } = hub;
  while (left.length) {
    left.sort(
      (a, b) => ctx.distance.metres(at, a, 'road') - ctx.distance.metres(at, b, 'road') || (a.id < b.id ? -1 : 1),
    );
    at = left.shift()!;
    out.push(at as Factory);
  }
  return out;
}

/**
 * The first-mile buses of each block. A pick of several trunks routes its feeders together and cuts the blocks
 * anew from whole busloads, in the order of the units (factory by factory, farthest first), so that the cuts between
 * trunks leave no part-filled feeders; it routes block by block where the busloads would need another charter
 * (regular seats take another block: seats are bought one by one, and a bus for a block's last few costs more).
 */
function feederBlocks(s: PoolScope, blocks: readonly TravelUnit[][], pick: TrunkPick): BusLoad[][] {
  const to: Place = { kind: 'hub', hub: pick.from };
  const apart = () => blocks.map((b) => pickups(s, 'first-mile', b, to));
  if (blocks.length < 2) return apart();
  const at = new Map(blocks.flat().map((u, i) => [u.key, i]));
  const first = (l: BusLoad) => Math.min(...unitsOf(l).map((u) => at.get(u.key)!));
  const loads = pickups(s, 'first-mile', blocks.flat(), to).sort((a, b) => first(a) - first(b));
  const cap = vehicleCapacity(pick.type);
  const out: BusLoad[][] = [];
  let n = 0;
  for (const l of loads) {
    if (!out.length || n + l.passengers > cap) {
      out.push([]);
      n = 0;
    }
    out.at(-1)!.push(l);
    n += l.passengers;
  }
  // A busload bigger than the trunk (seats fewer than a bus holds) would overfill its block: routed apart then.
  const fits = loads.every((l) => l.passengers <= cap);
  return fits && (out.length <= blocks.length || pick.type.perSeat) ? out : apart();
}

/**
 * A trunk and its buses: the pool's units, factory by factory and farthest village first, cut into vehicle-sized
 * blocks (at most `pick.vehicles` for a charter, re-cut from whole feeder busloads: `feederBlocks`); each block gets
 * first-mile buses timed to its departure, the train or flight (a timetabled offer where one is loaded), and
 * last-mile buses (the trunks' part-filled rests sharing buses: `lastMileRests`). Answers the units left over.
 */
export function trunkVehicles(s: PoolScope, fleet: Fleet, pick: TrunkPick, units: readonly TravelUnit[]): TravelUnit[] {
  const ordered = byFactory(units).flatMap(([, mine]) => hubOrder(s.ctx, mine, pick.from));
  const charter = pick.kind === 'flight' || pick.kind === 'train-special';
  const blocks = chunkUnits(ordered, vehicleCapacity(pick.type)).slice(0, charter ? pick.vehicles : undefined);
  const rests: { start: Date; bins: TravelUnit[][] }[] = [];
  for (const loads of feederBlocks(s, blocks, pick)) {
    const block = loads.flatMap(unitsOf);
    const n = people(block);
    const f = feeders(s, loads, pick.from, (readyAt) => trunkTimes(s.ctx, pick, readyAt, n, s.taken));
    f.legs.forEach((leg, i) => fleet.add(leg, unitsOf(f.loads[i])));
    const times = f.trunk;
    const costFen = times.priceFen ?? trunkCostFen(s.ctx, pick.type, pick.from, pick.to, n);
    const trunk = trunkLeg(s.ctx, pick.type, pick.from, pick.to, {
      start: times.departAt,
      arriveAt: times.arriveAt,
      ids: ids(block),
      costFen,
      capacity: seatsOffered(pick.type, n),
      service: times.service,
    });
    fleet.add(trunk, block);
    const start = addMinutes(times.arriveAt, s.ctx.config.hubTransferMin[pick.to.kind]);
    rests.push({ start, bins: lastMileFull(s, fleet, block, pick.to, start) });
  }
  lastMileRests(s, fleet, rests, pick.to);
  const taken = new Set(blocks.flat().map((u) => u.key));
  return units.filter((u) => !taken.has(u.key));
}
