import type { Hub } from '../reference/places';
import { unitsOf, usableSeats } from './bus-loading';
import { routeBuses } from './bus-routing';
import type { TravelUnit } from './grouping';
import { legArrival, pickupLeg, type Place } from './legs';
import type { PlanLeg } from './plan-schema';
import { retimed, type Fleet, type PoolScope } from './pool-vehicles';
import { busTypesOf } from './road-runs';
import { routingParams, startTime } from './trips';
import { cmp } from '../order';

/** A first-mile bus not yet full: its key in the fleet, who rides it, when it must be in. */
interface Partial {
  key: string;
  units: TravelUnit[];
  n: number;
  due: number;
  costFen: number;
}

/** The fleet's part-filled first-mile buses, by the hub they go to (hubs in id order, buses by arrival). */
function partialsByHub(fleet: Fleet, units: readonly TravelUnit[], cap: number): [string, Partial[]][] {
  const unitOf = new Map(units.flatMap((u) => u.members.map((m) => [m.id, u] as const)));
  const byHub = new Map<string, Partial[]>();
  for (const [key, leg] of fleet.vehicles) {
    const hubId = leg.stops.at(-1)!.placeId;
    if (leg.kind !== 'first-mile' || leg.passengerIds.length >= cap || !hubId) continue;
    const mine = [...new Set(leg.passengerIds.map((id) => unitOf.get(id)!))];
    const n = leg.passengerIds.length;
    const p = { key, units: mine, n, due: legArrival(leg).getTime(), costFen: leg.costFen };
    const list = byHub.get(hubId);
    if (list) list.push(p);
    else byHub.set(hubId, [p]);
  }
  for (const list of byHub.values()) list.sort((a, b) => a.due - b.due || cmp(a.key, b.key));
  return [...byHub].sort(([a], [b]) => cmp(a, b));
}

/** Buses arriving within `wait` of the first of them, in turn. */
function waves(partials: readonly Partial[], wait: number): Partial[][] {
  const out: Partial[][] = [];
  for (const p of partials)
    if (out.length && p.due - out.at(-1)![0].due <= wait) out.at(-1)!.push(p);
    else out.push([p]);
  return out;
}

/**
 * The wave's travellers routed to the hub together, each bus in by the earliest time one of its travellers' own bus
 * was due and leaving as late as that allows; null unless that takes fewer buses at no more cost, all in time.
 */
function rerouted(s: PoolScope, hub: Hub, wave: readonly Partial[]) {
  const dueOf = new Map(wave.flatMap((p) => p.units.map((u) => [u.key, p.due] as const)));
  const to: Place = { kind: 'hub', hub };
  const loads = routeBuses(
    wave.flatMap((p) => p.units),
    hub,
    routingParams(s.ctx, s.now),
  );
  if (loads.length >= wave.length) return null;
  const out: { leg: PlanLeg; units: TravelUnit[] }[] = [];
  for (const load of loads) {
    const units = unitsOf(load);
    const due = Math.min(...units.map((u) => dueOf.get(u.key)!));
    const at = (start: Date) => pickupLeg(s.ctx, 'first-mile', load, to, start);
    const leg = retimed(at(startTime(s.ctx, s.day, units)), new Date(due), at);
    if (legArrival(leg).getTime() > due) return null;
    out.push({ leg, units });
  }
  const fen = (xs: readonly { costFen: number }[]) => xs.reduce((n, x) => n + x.costFen, 0);
  return fen(out.map((o) => o.leg)) <= fen(wave) ? out : null;
}

/**
 * Part-filled first-mile buses of a pool's different trains and flights out of one hub, due within
 * `firstMileWaitMin` of each other, routed again together where that takes fewer buses at no more cost: each bus is
 * in for the earliest of its travellers' departures, so those for a later one wait up to that much longer at the hub.
 */
export function shareFeeders(s: PoolScope, fleet: Fleet, units: readonly TravelUnit[]): void {
  const cap = Math.max(...busTypesOf(s.ctx).map(usableSeats));
  const wait = s.ctx.config.firstMileWaitMin * 60_000;
  for (const [hubId, partials] of partialsByHub(fleet, units, cap)) {
    const hub = s.ctx.places.hubs.find((h) => h.id === hubId)!;
    for (const wave of waves(partials, wait)) {
      // Routing again costs a search: only where the seats could take the wave on fewer buses.
      const n = wave.reduce((k, p) => k + p.n, 0);
      if (wave.length < 2 || Math.ceil(n / cap) >= wave.length) continue;
      const buses = rerouted(s, hub, wave);
      if (buses)
        fleet.replace(
          wave.map((p) => p.key),
          buses,
        );
    }
  }
}
