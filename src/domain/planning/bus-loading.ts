import type { DistanceProvider, LonLat } from '../geo/distance';
import { centroid } from '../geo/distance';
import type { VehicleType } from '../reference/planner-config';
import type { TravelUnit } from './grouping';
import { cmp } from '../order';

/** Usable seats of a vehicle type under its load cap (a 50-seat coach at 50 % takes 25). */
export const usableSeats = (v: VehicleType): number => Math.floor(v.seats * v.loadFactor);

export interface VillageStop extends LonLat {
  village: string;
  units: TravelUnit[];
}

export interface BusLoad {
  vehicleType: VehicleType;
  /** Pick-up stops in driving order, each with the units boarding there. */
  stops: VillageStop[];
  passengers: number;
}

const size = (units: readonly TravelUnit[]) => units.reduce((n, u) => n + u.members.length, 0);

/** Units grouped by village (stable: villages by name, units by key), each stop at its units' centroid. */
export function villageStops(units: readonly TravelUnit[]): VillageStop[] {
  const byVillage = new Map<string, TravelUnit[]>();
  for (const u of units) {
    const list = byVillage.get(u.village);
    if (list) list.push(u);
    else byVillage.set(u.village, [u]);
  }
  return [...byVillage.entries()]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([village, us]) => ({ village, units: [...us].sort((a, b) => cmp(a.key, b.key)), ...centroid(us) }));
}

/**
 * The cheapest bus type that seats `n` under its load cap. Buses cost more the bigger they are, so this is
 * also the smallest: three people never get a 53-seat coach, and every type but the smallest is filled
 * beyond the usable seats of the next smaller one (the per-type minimum fill).
 */
export function smallestBusFor(n: number, buses: readonly VehicleType[]): VehicleType {
  const fits = buses
    .filter((b) => usableSeats(b) >= n)
    .sort((a, b) => usableSeats(a) - usableSeats(b) || a.fixedFen - b.fixedFen);
  if (!fits.length) throw new RangeError(`no bus seats ${n}`);
  return fits[0];
}

/**
 * Cuts whole buses out of a big village (split pick-up): while the village still has a busload, units are
 * packed largest first into a bus of `cap`; families are never split. Returns the full buses and the rest.
 */
export function fullBusChunks(units: readonly TravelUnit[], cap: number): { full: TravelUnit[][]; rest: TravelUnit[] } {
  let left = [...units].sort((a, b) => b.members.length - a.members.length || cmp(a.key, b.key));
  const full: TravelUnit[][] = [];
  while (size(left) >= cap) {
    const bus: TravelUnit[] = [];
    const rest: TravelUnit[] = [];
    let n = 0;
    for (const u of left) {
      if (n + u.members.length <= cap) {
        bus.push(u);
        n += u.members.length;
      } else rest.push(u);
    }
    if (n < cap) break; // cannot make an exactly full bus of whole families: the router packs the rest
    full.push(bus.sort((a, b) => cmp(a.key, b.key)));
    left = rest;
  }
  return { full, rest: left.sort((a, b) => cmp(a.key, b.key)) };
}

/** Consecutive pieces of at most `max` people (a bigger family is a piece of its own). */
export function pieces(units: readonly TravelUnit[], max: number): TravelUnit[][] {
  const out: TravelUnit[][] = [];
  let cur: TravelUnit[] = [];
  let n = 0;
  for (const u of units) {
    if (cur.length && n + u.members.length > max) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(u);
    n += u.members.length;
  }
  if (cur.length) out.push(cur);
  return out;
}

export const unitsOf = (load: BusLoad): TravelUnit[] => load.stops.flatMap((s) => s.units);
export type { DistanceProvider };
