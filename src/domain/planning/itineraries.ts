import { splitEvenly } from '../money/split';
import { passengerShares } from './costing';
import type { TravelUnit } from './grouping';
import { legArrival } from './legs';
import type { ModeOption, PlanLeg, PlanTrip } from './plan-schema';
import { cmp } from '../order';

/** A trip before keys and passenger check lists are attached. */
export type TripDraft = Omit<PlanTrip, 'key' | 'passengers'> & {
  passengers: Omit<PlanTrip['passengers'][number], 'checks'>[];
};

export interface PoolOutcome {
  vehicles: ReadonlyMap<string, PlanLeg>;
  /** The vehicles each travel unit rides, in order. */
  journeys: ReadonlyMap<string, readonly string[]>;
  units: readonly TravelUnit[];
  reasonOf: (u: TravelUnit) => string;
  optionsOf: (u: TravelUnit) => readonly ModeOption[];
}

/**
 * The part of a vehicle one trip rides: its passengers, its exact share of the hire (the vehicle's cost split evenly
 * over everyone aboard, by largest remainder, so the parts add up to the vehicle's cost), and the stops up to its
 * factory. `capacity` is the seats this trip may use: its own plus the vehicle's free seats where it is the first trip
 * aboard, so the slices of a vehicle add up to its seats and edits never seat more than the vehicle has.
 */
function slice(v: PlanLeg, mine: ReadonlySet<string>, factoryId: string, free: number): PlanLeg {
  const share = splitEvenly(v.costFen, v.passengerIds.length);
  const passengerIds = v.passengerIds.filter((id) => mine.has(id));
  const costFen = v.passengerIds.reduce((s, id, i) => s + (mine.has(id) ? share[i] : 0), 0);
  let stops = v.stops.map((s) => ({ ...s, boarding: s.boarding.filter((id) => mine.has(id)) }));
  const gate = stops.findIndex((s) => s.kind === 'factory' && s.placeId === factoryId);
  if (gate > 0 && gate < stops.length - 1)
    stops = stops.slice(0, gate + 1).map((s, i) => (i === gate ? { ...s, departAt: null } : s));
  return { ...v, passengerIds, costFen, stops, capacity: passengerIds.length + free };
}

/** Departure of a trip: where its first passenger boards the first vehicle. */
function departureOf(first: PlanLeg): string {
  const stop = first.stops.find((s) => s.boarding.length > 0) ?? first.stops[0];
  return stop.departAt ?? first.stops[0].departAt!;
}

/**
 * Splits a pool's vehicles into trips: one per origin county × factory × the vehicles ridden, so that a county sees
 * its travellers and an enterprise its workers, while a flight, train or bus shared by several keeps one vehicle key.
 */
export function tripsOf(o: PoolOutcome): TripDraft[] {
  const groups = new Map<string, { county: string; factory: string; keys: readonly string[]; units: TravelUnit[] }>();
  for (const u of o.units) {
    const keys = o.journeys.get(u.key);
    if (!keys?.length) continue;
    const { countyCode: county, factoryId: factory } = u.members[0];
    const id = `${county}|${factory}|${keys.join(',')}`;
    const g = groups.get(id) ?? { county, factory, keys, units: [] };
    g.units.push(u);
    groups.set(id, g);
  }
  const freeLeft = new Map([...o.vehicles].map(([k, v]) => [k, Math.max(0, v.capacity - v.passengerIds.length)]));
  const trips: TripDraft[] = [];
  for (const [, g] of [...groups].sort(([a], [b]) => cmp(a, b))) {
    const mine = new Set(g.units.flatMap((u) => u.members.map((m) => m.id)));
    const legs = g.keys.map((k, seq) => {
      const free = freeLeft.get(k)!;
      freeLeft.set(k, 0);
      return { ...slice(o.vehicles.get(k)!, mine, g.factory, free), seq };
    });
    const free = Math.min(...legs.map((l) => l.capacity - l.passengerIds.length));
    const main = legs.find((l) => l.kind === 'trunk') ?? legs[0];
    trips.push({
      mode: main.mode,
      vehicleTypeId: main.vehicleTypeId,
      capacity: mine.size + free,
      countyCode: g.county,
      factoryId: g.factory,
      departAt: departureOf(legs[0]),
      arriveAt: legArrival(legs.at(-1)!).toISOString(),
      distanceM: legs.reduce((m, l) => m + l.distanceM, 0),
      costFen: legs.reduce((s, l) => s + l.costFen, 0),
      modeReason: o.reasonOf(g.units[0]),
      modeOptions: [...o.optionsOf(g.units[0])],
      legs,
      passengers: passengerShares(legs),
    });
  }
  return trips.sort(tripOrder);
}

/** Trips by departure, then origin county and factory. */
export const tripOrder = (a: TripDraft, b: TripDraft): number =>
  cmp(a.departAt, b.departAt) || cmp(a.countyCode, b.countyCode) || cmp(a.factoryId, b.factoryId);
