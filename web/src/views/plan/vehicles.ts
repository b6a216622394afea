import type { Plan, Trip } from '../../lib/types';

/**
 * Physical vehicles of a plan. Legs of several trips with one `vehicleKey` are one vehicle (a flight carrying the
 * travellers of several counties): each trip's leg holds its own passengers and the seats it may use, so the
 * vehicle's aboard and seats are the sums over its trips. No DOM here.
 */
export type TripLeg = Trip['legs'][number];

export interface Vehicle {
  key: string;
  /** The label people know it by, unique across batches ("141028-0302-07"); the key for plans without labels. */
  label: string;
  kind: TripLeg['kind'];
  mode: TripLeg['mode'];
  vehicleTypeId: string;
  service: TripLeg['service'];
  duty: TripLeg['duty'];
  /** Each trip's part of the vehicle, in plan order. */
  uses: { trip: Trip; leg: TripLeg }[];
  aboard: number;
  seats: number;
  departAt: string | null;
  arriveAt: string | null;
}

/** A leg stored before vehicle keys existed is a vehicle of its own. */
export const keyOf = (trip: Trip, leg: TripLeg): string => leg.vehicleKey ?? `${trip.key}·${leg.seq + 1}`;
/** What a vehicle is called on screen and on paper: its label, else its key. */
export const labelOf = (trip: Trip, leg: TripLeg): string => leg.vehicleLabel ?? keyOf(trip, leg);
/** What a trip is called: its main vehicle's label, else its plan key. */
export const tripName = (trip: Pick<Trip, 'key' | 'label'>): string => trip.label ?? trip.key;

const earliest = (a: string | null, b: string | null) => (!a ? b : !b ? a : a < b ? a : b);
const latest = (a: string | null, b: string | null) => (!a ? b : !b ? a : a > b ? a : b);

const cache = new WeakMap<Plan, Map<string, Vehicle>>();

/** Every vehicle of the plan by key (computed once per plan object). */
export function vehiclesOf(plan: Plan): Map<string, Vehicle> {
  const hit = cache.get(plan);
  if (hit) return hit;
  const out = new Map<string, Vehicle>();
  for (const trip of plan.trips)
    for (const leg of trip.legs) {
      const key = keyOf(trip, leg);
      const v = out.get(key) ?? {
        key,
        label: labelOf(trip, leg),
        kind: leg.kind,
        mode: leg.mode,
        vehicleTypeId: leg.vehicleTypeId,
        service: leg.service,
        duty: leg.duty,
        uses: [],
        aboard: 0,
        seats: 0,
        departAt: null,
        arriveAt: null,
      };
      v.uses.push({ trip, leg });
      v.aboard += leg.passengerIds.length;
      v.seats += leg.capacity;
      v.departAt = earliest(v.departAt, leg.stops[0].departAt);
      v.arriveAt = latest(v.arriveAt, leg.stops[leg.stops.length - 1].arriveAt);
      out.set(key, v);
    }
  cache.set(plan, out);
  return out;
}

/** People aboard per value (county code, factory id), most first. */
function tally(uses: Vehicle['uses'], of: (t: Trip) => string): { code: string; n: number }[] {
  const m = new Map<string, number>();
  for (const u of uses) m.set(of(u.trip), (m.get(of(u.trip)) ?? 0) + u.leg.passengerIds.length);
  return [...m].map(([code, n]) => ({ code, n })).sort((a, b) => b.n - a.n || (a.code < b.code ? -1 : 1));
}

export const countiesAboard = (v: Vehicle) => tally(v.uses, (t) => t.countyCode);
export const factoriesAboard = (v: Vehicle) => tally(v.uses, (t) => t.factoryId);

/** Distinct trips sharing the vehicle. */
export const tripsOf = (v: Vehicle): Trip[] => [...new Set(v.uses.map((u) => u.trip))];

export interface TrunkPool {
  trunk: Vehicle;
  trips: Trip[];
  /** First-mile buses to the trunk's hub and last-mile buses from it, in departure order. */
  feeders: Vehicle[];
  lastMile: Vehicle[];
}

/** Each train or flight of the plan with the buses that feed it and take its travellers on, earliest first. */
export function trunkPools(plan: Plan): TrunkPool[] {
  const all = vehiclesOf(plan);
  const byDeparture = (a: Vehicle, b: Vehicle) =>
    (a.departAt ?? '').localeCompare(b.departAt ?? '') || (a.key < b.key ? -1 : 1);
  const around = (trips: Trip[], kind: TripLeg['kind']) => {
    const keys = new Set(trips.flatMap((t) => t.legs.filter((l) => l.kind === kind).map((l) => keyOf(t, l))));
    return [...keys].map((k) => all.get(k)!).sort(byDeparture);
  };
  return [...all.values()]
    .filter((v) => v.kind === 'trunk')
    .sort(byDeparture)
    .map((trunk) => {
      const trips = tripsOf(trunk);
      return { trunk, trips, feeders: around(trips, 'first-mile'), lastMile: around(trips, 'last-mile') };
    });
}

/** Vehicles per mode, and how many of them several trips share. */
export function vehicleCounts(plan: Plan): { byMode: Record<TripLeg['mode'], number>; shared: number } {
  const byMode = { bus: 0, train: 0, flight: 0 };
  let shared = 0;
  for (const v of vehiclesOf(plan).values()) {
    byMode[v.mode]++;
    if (tripsOf(v).length > 1) shared++;
  }
  return { byMode, shared };
}
