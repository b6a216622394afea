import { usableSeats } from './bus-loading';
import type { TravelUnit } from './grouping';
import { readyAfter } from './later-trunks';
import { legArrival } from './legs';
import { restBuses, type Fleet, type PoolScope } from './pool-vehicles';
import { busTypesOf } from './road-runs';
import { fenOf, timeWaves } from './time-waves';
import { cmp } from '../order';

/** A last-mile bus not yet full: its key, who rides it, when the last of them may leave the hub. */
interface Rest {
  key: string;
  units: TravelUnit[];
  n: number;
  ready: number;
}

/** The fleet's part-filled last-mile buses by the hub they leave (hubs in id order, buses by when they may leave). */
function restsByHub(s: PoolScope, fleet: Fleet, unitOf: ReadonlyMap<string, TravelUnit>, cap: number) {
  const byHub = new Map<string, Rest[]>();
  for (const [key, leg] of fleet.vehicles) {
    if (leg.kind !== 'last-mile' || leg.passengerIds.length >= cap) continue;
    const units = [...new Set(leg.passengerIds.map((id) => unitOf.get(id)!))];
    const trunkOf = (u: TravelUnit) => {
      const keys = fleet.journeys.get(u.key)!;
      return fleet.vehicles.get(keys[keys.indexOf(key) - 1])!;
    };
    const rest = {
      key,
      units,
      n: leg.passengerIds.length,
      ready: Math.max(...units.map((u) => readyAfter(s, trunkOf(u)))),
    };
    const hubId = leg.stops[0].placeId!;
    const list = byHub.get(hubId);
    if (list) list.push(rest);
    else byHub.set(hubId, [rest]);
  }
  for (const list of byHub.values()) list.sort((a, b) => a.ready - b.ready || cmp(a.key, b.key));
  return [...byHub].sort(([a], [b]) => cmp(a, b));
}

/**
 * Part-filled last-mile buses of a pool's different picks into one hub, whose travellers may leave within
 * `lastMileWaitMin` of each other (trains and flights put back to leave together arrive together), merged onto
 * fewer buses at no more cost, leaving when the last of them may; never where that takes someone over the
 * door-to-door limit.
 */
export function shareLastMiles(s: PoolScope, fleet: Fleet, units: readonly TravelUnit[]): void {
  const cap = Math.max(...busTypesOf(s.ctx).map(usableSeats));
  const unitOf = new Map(units.flatMap((u) => u.members.map((m) => [m.id, u] as const)));
  const limit = s.ctx.config.modeChoice.maxDoorToDoorHours * 3_600_000;
  for (const [hubId, rests] of restsByHub(s, fleet, unitOf, cap)) {
    const hub = s.ctx.places.hubs.find((h) => h.id === hubId)!;
    for (const wave of timeWaves(rests, (r) => r.ready, s.ctx.config.lastMileWaitMin * 60_000)) {
      const n = wave.reduce((k, r) => k + r.n, 0);
      if (wave.length < 2 || Math.ceil(n / cap) >= wave.length) continue;
      const buses = restBuses(
        s,
        hub,
        new Date(wave.at(-1)!.ready),
        wave.map((r) => r.units),
      );
      if (buses.length >= wave.length) continue;
      if (fenOf(buses.map((b) => b.leg)) > fenOf(wave.map((r) => fleet.vehicles.get(r.key)!))) continue;
      const over = buses.some((b) =>
        b.units.some((u) => legArrival(b.leg).getTime() - fleet.journeyStart(u.key) > limit),
      );
      if (!over)
        fleet.replace(
          wave.map((r) => r.key),
          buses,
        );
    }
  }
}
