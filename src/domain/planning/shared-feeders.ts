import type { Hub } from '../reference/places';
import { unitsOf, usableSeats, villageStops, type BusLoad } from './bus-loading';
import { routeBuses } from './bus-routing';
import type { TravelUnit } from './grouping';
import { legArrival, pickupLeg } from './legs';
import type { PlanLeg } from './plan-schema';
import { laterTrunks, ridersOf } from './later-trunks';
import { retimed, type Fleet, type PoolScope } from './pool-vehicles';
import { busTypesOf } from './road-runs';
import { routingParams, startTime } from './trips';
import { fenOf, timeWaves } from './time-waves';
import { cmp } from '../order';

type Riders = ReturnType<typeof ridersOf>;
type NewLeg = { leg: PlanLeg; units: TravelUnit[] };

/** A first-mile bus not yet full: its key in the fleet, who rides it, when it is in. */
interface Partial {
  key: string;
  units: TravelUnit[];
  n: number;
  due: number;
}

/** The fleet's part-filled first-mile buses, by the hub they go to (hubs in id order, buses by arrival). */
function partialsByHub(fleet: Fleet, unitOf: ReadonlyMap<string, TravelUnit>, cap: number): [string, Partial[]][] {
  const byHub = new Map<string, Partial[]>();
  for (const [key, leg] of fleet.vehicles) {
    const hubId = leg.stops.at(-1)!.placeId;
    if (leg.kind !== 'first-mile' || leg.passengerIds.length >= cap || !hubId) continue;
    const mine = [...new Set(leg.passengerIds.map((id) => unitOf.get(id)!))];
    const p = { key, units: mine, n: leg.passengerIds.length, due: legArrival(leg).getTime() };
    const list = byHub.get(hubId);
    if (list) list.push(p);
    else byHub.set(hubId, [p]);
  }
  for (const list of byHub.values()) list.sort((a, b) => a.due - b.due || cmp(a.key, b.key));
  return [...byHub].sort(([a], [b]) => cmp(a, b));
}

/** Buses arriving within `wait` of the first of them, in turn, at most `most` at a time. */
const waves = (partials: readonly Partial[], wait: number, most = Infinity) =>
  timeWaves(partials, (p) => p.due, wait, most);

/** Everything one sharing of feeders needs: the pool, its fleet, who rides what, the hub and its transfer. */
interface Sharing {
  s: PoolScope;
  fleet: Fleet;
  riders: Riders;
  unitOf: ReadonlyMap<string, TravelUnit>;
  hub: Hub;
  transfer: number;
}

const departs = (leg: PlanLeg) => Date.parse(leg.stops[0].departAt!);
const trunkOf = (sh: Sharing, unitKey: string) => sh.fleet.journeys.get(unitKey)![1];
/** When a unit's feeder must be in: the transfer time before its train or flight leaves. */
const dueOf = (sh: Sharing, unitKey: string) => departs(sh.fleet.vehicles.get(trunkOf(sh, unitKey))!) - sh.transfer;

const feederAt = (sh: Sharing, load: BusLoad) => (start: Date) =>
  pickupLeg(sh.s.ctx, 'first-mile', load, { kind: 'hub', hub: sh.hub }, start);
/** A feeder leg for `load` leaving as soon as its travellers are ready. */
const earliest = (sh: Sharing, load: BusLoad) => feederAt(sh, load)(startTime(sh.s.ctx, sh.s.day, unitsOf(load)));
/** A feeder leg for `load` leaving as late as lets it be in by `due` (as soon as it can, if that is later). */
const feederLeg = (sh: Sharing, load: BusLoad, due: number) =>
  retimed(earliest(sh, load), new Date(due), feederAt(sh, load));

/**
 * The other feeders of trunks put back (not in the wave): each driven again, the same round, to be in for the
 * earliest of its travellers' trunks as they now leave, so nobody waits hours at the hub.
 */
function laterFeeders(
  sh: Sharing,
  wave: readonly Partial[],
  moved: ReadonlyMap<string, PlanLeg>,
): Map<string, PlanLeg> {
  const inWave = new Set(wave.map((p) => p.key));
  const keys = new Set(
    [...moved.keys()].flatMap((t) => (sh.riders.get(t) ?? []).map((u) => sh.fleet.journeys.get(u)![0])),
  );
  const out = new Map<string, PlanLeg>();
  for (const key of keys) {
    const leg = sh.fleet.vehicles.get(key)!;
    if (inWave.has(key) || leg.kind !== 'first-mile') continue;
    const units = [...new Set(leg.passengerIds.map((id) => sh.unitOf.get(id)!))];
    const leaves = (u: TravelUnit) =>
      departs(moved.get(trunkOf(sh, u.key)) ?? sh.fleet.vehicles.get(trunkOf(sh, u.key))!);
    const due = Math.min(...units.map(leaves)) - sh.transfer;
    if (due <= legArrival(leg).getTime()) continue;
    const order = leg.stops.map((st) => st.name);
    const stops = villageStops(units).sort((a, b) => order.indexOf(a.village) - order.indexOf(b.village));
    const type = sh.s.ctx.config.vehicleTypes.find((t) => t.id === leg.vehicleTypeId)!;
    const again = feederLeg(sh, { vehicleType: type, stops, passengers: leg.passengerIds.length }, due);
    if (departs(again) > departs(leg)) out.set(key, again);
  }
  return out;
}

/**
 * The wave's travellers routed to the hub together; null unless that takes fewer buses at no more cost. `together`
 * (a wave longer than the wait): every bus is in for the last of the wave's trains and flights, which the others
 * (estimates only) are put back to, with their other feeders and last mile; else each bus is in by the earliest
 * of its travellers' trunks, and one that cannot be (a longer round) puts those trunks back by up to the wait.
 */
function rerouted(sh: Sharing, wave: readonly Partial[], together: boolean) {
  const { s, fleet } = sh;
  const loads = routeBuses(
    wave.flatMap((p) => p.units),
    sh.hub,
    routingParams(s.ctx, s.now),
  );
  if (loads.length >= wave.length) return null;
  const due = (units: readonly TravelUnit[]) => Math.min(...units.map((u) => dueOf(sh, u.key)));
  let last = Math.max(...wave.flatMap((p) => p.units.map((u) => dueOf(sh, u.key))));
  if (together) for (const load of loads) last = Math.max(last, legArrival(earliest(sh, load)).getTime());
  const out: NewLeg[] = [];
  const trunkDue = new Map<string, number>();
  const startOf = new Map<string, number>();
  for (const load of loads) {
    const units = unitsOf(load);
    const by = together ? last : due(units);
    const leg = feederLeg(sh, load, by);
    const inAt = legArrival(leg).getTime();
    if (inAt - by > s.ctx.config.firstMileWaitMin * 60_000) return null;
    for (const u of units) {
      const trunk = trunkOf(sh, u.key);
      trunkDue.set(trunk, Math.max(trunkDue.get(trunk) ?? 0, (together ? last : inAt) + sh.transfer));
      startOf.set(u.key, departs(leg));
    }
    out.push({ leg, units });
  }
  const moved = laterTrunks(s, fleet, sh.riders, trunkDue, (k) => startOf.get(k) ?? fleet.journeyStart(k));
  if (!moved) return null;
  const feeders = laterFeeders(sh, wave, moved);
  const later = new Map([...moved, ...feeders]);
  const was = [...later.keys(), ...wave.map((p) => p.key)].map((k) => fleet.vehicles.get(k)!);
  return fenOf(out.map((o) => o.leg)) + fenOf(later.values()) <= fenOf(was) ? { out, later } : null;
}

/** The wave shared where the seats could take it on fewer buses (routing again costs a search); whether it was. */
function share(sh: Sharing, wave: readonly Partial[], cap: number, together: boolean): boolean {
  const n = wave.reduce((k, p) => k + p.n, 0);
  if (wave.length < 2 || Math.ceil(n / cap) >= wave.length) return false;
  const buses = rerouted(sh, wave, together);
  if (!buses) return false;
  for (const [key, leg] of buses.later) sh.fleet.update(key, leg);
  sh.fleet.replace(
    wave.map((p) => p.key),
    buses.out,
  );
  return true;
}

/**
 * The most part-filled feeders one put-back wave routes together: a search budget (the routing grows faster than the
 * wave; at 1,000,000 workers uncapped waves took twice the time of the rest of the sharing for a few buses more).
 */
const PUT_BACK_WAVE_MAX = 16;

/**
 * Part-filled first-mile buses of a pool's different trains and flights out of one hub, routed again together where
 * that takes fewer buses at no more cost. First those due within `firstMileWaitMin` of each other, each bus in for
 * the earliest of its travellers' departures (those for a later one wait up to that much longer at the hub); then
 * what is still part-filled, due within `trunkPutBackMin` (at most `PUT_BACK_WAVE_MAX` at a time), where the
 * earlier trunks are estimates: those are put back to leave with the last, their feeders leaving later, so nobody
 * waits longer at the hub.
 */
export function shareFeeders(s: PoolScope, fleet: Fleet, units: readonly TravelUnit[]): void {
  const cap = Math.max(...busTypesOf(s.ctx).map(usableSeats));
  const wait = s.ctx.config.firstMileWaitMin * 60_000;
  const putBack = s.ctx.config.trunkPutBackMin * 60_000;
  const unitOf = new Map(units.flatMap((u) => u.members.map((m) => [m.id, u] as const)));
  const riders = ridersOf(fleet);
  const sharing = (hubId: string): Sharing => {
    const hub = s.ctx.places.hubs.find((h) => h.id === hubId)!;
    return { s, fleet, riders, unitOf, hub, transfer: s.ctx.config.hubTransferMin[hub.kind] * 60_000 };
  };
  for (const [hubId, partials] of partialsByHub(fleet, unitOf, cap))
    for (const wave of waves(partials, wait)) share(sharing(hubId), wave, cap, false);
  if (putBack <= wait) return;
  for (const [hubId, partials] of partialsByHub(fleet, unitOf, cap))
    for (const wave of waves(partials, putBack, PUT_BACK_WAVE_MAX))
      if (wave.at(-1)!.due - wave[0].due > wait) share(sharing(hubId), wave, cap, true);
}
