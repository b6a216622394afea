import { addMinutes } from 'date-fns';
import { dropLeg, legArrival } from './legs';
import type { PlanLeg } from './plan-schema';
import type { Fleet, PoolScope } from './pool-vehicles';

type Riders = ReadonlyMap<string, readonly string[]>;

const departs = (leg: PlanLeg) => Date.parse(leg.stops[0].departAt!);
const at = (iso: string | null, ms: number) => (iso === null ? null : new Date(Date.parse(iso) + ms).toISOString());

/** An estimated train or flight `ms` later: the same run, the same price. */
function shifted(leg: PlanLeg, ms: number): PlanLeg {
  return {
    ...leg,
    stops: leg.stops.map((st) => ({ ...st, arriveAt: at(st.arriveAt, ms), departAt: at(st.departAt, ms) })),
  };
}

/** A last-mile bus leaving the hub at `start`: the same bus and drops, driven again under the rules at that time. */
function redropped(s: PoolScope, leg: PlanLeg, start: Date): PlanLeg {
  const type = s.ctx.config.vehicleTypes.find((t) => t.id === leg.vehicleTypeId)!;
  const hub = s.ctx.places.hubs.find((h) => h.id === leg.stops[0].placeId)!;
  const drops = leg.stops.filter((st) => st.kind === 'factory').map((st) => s.factories.get(st.placeId!)!);
  return dropLeg(s.ctx, type, hub, drops, start, leg.passengerIds);
}

/** Who rides each vehicle (unit keys): trunk and last-mile keys stay while feeders are routed again. */
export function ridersOf(fleet: Fleet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [unit, keys] of fleet.journeys)
    for (const k of keys) {
      const list = out.get(k);
      if (list) list.push(unit);
      else out.set(k, [unit]);
    }
  return out;
}

/** When travellers may leave the hub a trunk brings them to: the transfer time after it arrives. */
export function readyAfter(s: PoolScope, trunk: PlanLeg): number {
  const hubKind = trunk.stops.at(-1)!.kind as 'station' | 'airport';
  return addMinutes(legArrival(trunk), s.ctx.config.hubTransferMin[hubKind]).getTime();
}

/**
 * The last-mile buses of the travellers on the moved trunks, each leaving the transfer time after the last trunk of
 * its travellers; null where that would keep travellers of another trunk waiting past `lastMileWaitMin`.
 */
function lastMiles(s: PoolScope, fleet: Fleet, riders: Riders, moved: ReadonlyMap<string, PlanLeg>) {
  const buses = new Set<string>();
  for (const key of moved.keys())
    for (const unit of riders.get(key) ?? []) {
      const keys = fleet.journeys.get(unit)!;
      const next = keys[keys.indexOf(key) + 1];
      if (next) buses.add(next);
    }
  const out = new Map<string, PlanLeg>();
  for (const key of buses) {
    const ready = (riders.get(key) ?? []).map((unit) => {
      const keys = fleet.journeys.get(unit)!;
      const trunk = keys[keys.indexOf(key) - 1];
      return readyAfter(s, moved.get(trunk) ?? fleet.vehicles.get(trunk)!);
    });
    const [first, last] = [Math.min(...ready), Math.max(...ready)];
    if (last - first > s.ctx.config.lastMileWaitMin * 60_000) return null;
    // Driven again from when it may start (boarding time on top); kept where it already leaves no earlier.
    const leg = fleet.vehicles.get(key)!;
    const again = redropped(s, leg, new Date(last));
    if (departs(again) > departs(leg)) out.set(key, again);
  }
  return out;
}

/**
 * Trains and flights put back to leave no earlier than `due` (by vehicle key), where feeders routed together come
 * in later than the trunk's own feeders did, with the last-mile buses after them. Answers the changed legs by key,
 * or null where a trunk runs to a timetable (an offer taken), a shared last-mile bus would keep another trunk's
 * travellers waiting past `lastMileWaitMin`, or someone would go over the door-to-door limit;
 * `riders` are who rides each vehicle (`ridersOf`), `startOf` when a unit's journey begins once the feeders change.
 */
export function laterTrunks(
  s: PoolScope,
  fleet: Fleet,
  riders: Riders,
  due: ReadonlyMap<string, number>,
  startOf: (unitKey: string) => number,
): Map<string, PlanLeg> | null {
  const moved = new Map<string, PlanLeg>();
  for (const [key, t] of due) {
    const leg = fleet.vehicles.get(key)!;
    if (t <= departs(leg)) continue;
    if (!leg.service?.estimated) return null;
    moved.set(key, shifted(leg, t - departs(leg)));
  }
  if (!moved.size) return moved;
  const buses = lastMiles(s, fleet, riders, moved);
  if (!buses) return null;
  const changed = new Map([...moved, ...buses]);
  const limit = s.ctx.config.modeChoice.maxDoorToDoorHours * 3_600_000;
  for (const unit of new Set([...changed.keys()].flatMap((k) => riders.get(k) ?? []))) {
    const last = fleet.journeys.get(unit)!.at(-1)!;
    if (legArrival(changed.get(last) ?? fleet.vehicles.get(last)!).getTime() - startOf(unit) > limit) return null;
  }
  return changed;
}
