import type { Mode, Plan, PlanLeg, PlanTrip } from '../../../src/domain/planning/plan-schema';
import type { VehicleType } from '../../../src/domain/reference/planner-config';

export type LegKind = PlanLeg['kind'];

/** One physical vehicle: the legs sharing a `vehicleKey`, or a single leg without one. */
export interface Vehicle {
  key: string;
  mode: Mode;
  kind: LegKind;
  vehicleTypeId: string;
  /**
   * Seats offered as the plan states them: the sum over its legs, since a pooled vehicle's legs share out its seats
   * (each trip's leg offers its own seats, the first also the free ones: src/domain/planning/itineraries.ts).
   */
  capacity: number;
  /** Distinct travellers aboard, over all its legs. */
  passengers: number;
  legs: { trip: PlanTrip; leg: PlanLeg }[];
}

/** Legs of different trips with the same `vehicleKey` are one vehicle; a leg without a key is a vehicle of its own. */
export function distinctVehicles(plan: Plan): Vehicle[] {
  const byKey = new Map<string, Vehicle>();
  const ids = new Map<string, Set<string>>();
  for (const trip of plan.trips)
    for (const leg of trip.legs) {
      const key = leg.vehicleKey ?? `${trip.key}#${leg.seq}`;
      let v = byKey.get(key);
      if (!v) {
        v = {
          key,
          mode: leg.mode,
          kind: leg.kind,
          vehicleTypeId: leg.vehicleTypeId,
          capacity: 0,
          passengers: 0,
          legs: [],
        };
        byKey.set(key, v);
        ids.set(key, new Set());
      }
      v.capacity += leg.capacity;
      v.legs.push({ trip, leg });
      for (const p of leg.passengerIds) ids.get(key)!.add(p);
    }
  for (const v of byKey.values()) v.passengers = ids.get(v.key)!.size;
  return [...byKey.values()];
}

/** How a vehicle type is bought: a whole chartered vehicle, whole carriages on a scheduled train, or seats. */
export type Purchase = 'charter' | 'carriage' | 'seats';

export const purchaseOf = (t: VehicleType | undefined): Purchase =>
  t?.perSeat ? 'seats' : t?.wholeCarriage ? 'carriage' : 'charter';

/** Usable seats of a vehicle type under its load cap (the rule, recomputed here: not the planner's helper). */
export const usable = (t: VehicleType): number => Math.floor(t.seats * t.loadFactor);

/** The most one vehicle of the type may carry: a train formed of cars takes its longest formation. */
export const usablePerVehicle = (t: VehicleType): number => usable(t) * (t.formation?.maxCars ?? 1);

/** The most travellers any one chartered vehicle of a mode may carry (carriages and seats are not vehicles). */
export function maxUsable(types: readonly VehicleType[], mode: Mode): number {
  const seats = types.filter((t) => t.mode === mode && purchaseOf(t) === 'charter').map(usablePerVehicle);
  return seats.length ? Math.max(...seats) : 0;
}

export const purchase = (types: readonly VehicleType[], id: string): Purchase =>
  purchaseOf(types.find((t) => t.id === id));

/**
 * The one place a leg's travellers all share: where they get off a direct bus (its factory), a first-mile bus or a
 * trunk (its last stop), and where they board a last-mile bus (its hub: one may drop at several factories).
 */
export function boundPlace(trip: PlanTrip, leg: PlanLeg): string {
  if (leg.kind === 'direct') return `factory:${trip.factoryId}`;
  const stop = leg.kind === 'last-mile' ? leg.stops[0] : leg.stops.at(-1)!;
  return `${stop.kind}:${stop.placeId ?? stop.name}`;
}

/** When a leg's travellers are at its bound place: boarding a last-mile bus, getting off any other. */
const boundTime = (leg: PlanLeg): Date =>
  new Date(leg.kind === 'last-mile' ? leg.stops[0].departAt! : leg.stops.at(-1)!.arriveAt!);

/** Vehicles of different leg kinds are never one, so each kind's places are counted apart. */
const boundKey = (trip: PlanTrip, leg: PlanLeg): string => `${leg.kind}|${boundPlace(trip, leg)}`;

/**
 * A lower bound on the vehicles of a mode (and leg kinds): every vehicle has one place all its travellers share
 * (`boundPlace`) and seats at most `maxUsable`, so Σ over leg kinds and those places of ⌈travellers there ÷
 * maxUsable⌉ vehicles are needed. Only chartered vehicles count: seats and carriages on scheduled services are bought
 * per person or per car. Every day of the batch counts as one, so that the bound does not depend on the days the
 * plan chose. With `dayOf` (a local calendar), each day apart instead: a bus runs once, on one day, so this bound
 * holds for the plan's choice of days and measures how well it fills its buses on them.
 */
export function lowerBound(
  plan: Plan,
  types: readonly VehicleType[],
  mode: Mode,
  kinds?: readonly LegKind[],
  dayOf?: (t: Date) => string,
): number {
  const cap = maxUsable(types, mode);
  if (!cap) return 0;
  const byPlace = new Map<string, number>();
  for (const trip of plan.trips)
    for (const leg of trip.legs) {
      if (leg.mode !== mode || (kinds && !kinds.includes(leg.kind))) continue;
      if (purchase(types, leg.vehicleTypeId) !== 'charter') continue;
      const place = dayOf ? `${boundKey(trip, leg)}|${dayOf(boundTime(leg))}` : boundKey(trip, leg);
      byPlace.set(place, (byPlace.get(place) ?? 0) + leg.passengerIds.length);
    }
  let bound = 0;
  for (const n of byPlace.values()) bound += Math.ceil(n / cap);
  return bound;
}

export interface SeatLoad {
  vehicles: number;
  passengers: number;
  /** Passengers over the seats the plan offers (its `capacity`). */
  seatUse: number;
  /** Passengers over rated seats, overall and the highest of one vehicle. */
  load: number;
  maxLoad: number;
  /** The load cap of the mode's vehicle types (the smallest loadFactor among those used). */
  cap: number;
  /** Vehicles carrying more than their type allows under its load cap. */
  overCap: number;
}

/**
 * Rated seats of a vehicle and the most it may carry. A fixed vehicle: its type's seats and ⌊seats × loadFactor⌋.
 * A train of cars (or reserved carriages): the cars its offered capacity stands for, at most the longest formation.
 * Seats bought per person: the seats offered, all usable.
 */
function seatsOf(v: Vehicle, t: VehicleType | undefined): { rated: number; allowed: number } {
  if (!t || t.perSeat) return { rated: v.capacity, allowed: v.capacity };
  if (!t.formation) return { rated: t.seats, allowed: usable(t) };
  const cars = Math.min(t.formation.maxCars, Math.max(t.formation.minCars, Math.ceil(v.capacity / usable(t))));
  return { rated: cars * t.seats, allowed: cars * usable(t) };
}

/** Seat use and load per vehicle, checked against each vehicle type's load cap. */
export function seatLoad(vehicles: readonly Vehicle[], types: readonly VehicleType[]): SeatLoad {
  let passengers = 0,
    capacity = 0,
    rated = 0,
    maxLoad = 0,
    overCap = 0,
    cap = 1;
  for (const v of vehicles) {
    const t = types.find((x) => x.id === v.vehicleTypeId);
    const seats = seatsOf(v, t);
    passengers += v.passengers;
    capacity += v.capacity;
    rated += seats.rated;
    maxLoad = Math.max(maxLoad, v.passengers / seats.rated);
    if (t && !t.perSeat) cap = Math.min(cap, t.loadFactor);
    if (v.passengers > seats.allowed) overCap++;
  }
  return {
    vehicles: vehicles.length,
    passengers,
    seatUse: capacity ? passengers / capacity : 0,
    load: rated ? passengers / rated : 0,
    maxLoad,
    cap,
    overCap,
  };
}
