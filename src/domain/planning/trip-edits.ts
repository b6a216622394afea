import type { PassengerChecks } from '../health/health-checks';
import type { PlanLeg, PlanTrip } from './plan-schema';
import { passengerShares } from './costing';

/** Re-splits every leg's cost over whoever is aboard now; the vehicle costs the same, the shares change. */
export function reshare(trip: PlanTrip, checks: ReadonlyMap<string, PassengerChecks>): PlanTrip {
  const live = trip.legs.filter((l) => l.passengerIds.length > 0);
  const passengers = passengerShares(live).map((p) => ({ ...p, checks: checks.get(p.workerId)! }));
  return { ...trip, passengers };
}

const checksOf = (trip: PlanTrip) => new Map(trip.passengers.map((p) => [p.workerId, p.checks]));

/** Takes one passenger off every leg of a trip (a failed boarding check): the seat is free again. */
export function removePassenger(trip: PlanTrip, workerId: string): PlanTrip {
  const legs: PlanLeg[] = trip.legs.map((l) => ({
    ...l,
    passengerIds: l.passengerIds.filter((id) => id !== workerId),
    stops: l.stops.map((s) => ({ ...s, boarding: s.boarding.filter((id) => id !== workerId) })),
  }));
  return reshare({ ...trip, legs }, checksOf(trip));
}

export interface Joiner {
  workerId: string;
  village: string;
  checks: PassengerChecks;
}

/**
 * Seats joiners on a direct bus that already stops at their villages, if it has the room.
 * Returns null when it does not fit (no room, or a village the bus does not call at).
 */
export function joinBusTrip(trip: PlanTrip, joiners: readonly Joiner[]): PlanTrip | null {
  if (trip.mode !== 'bus' || trip.legs.length !== 1) return null;
  const leg = trip.legs[0];
  if (leg.passengerIds.length + joiners.length > leg.capacity) return null;
  const stopOf = new Map(leg.stops.filter((s) => s.kind === 'pickup').map((s) => [s.name, s.seq]));
  if (!joiners.every((j) => stopOf.has(j.village))) return null;
  const ids = joiners.map((j) => j.workerId);
  const newLeg: PlanLeg = {
    ...leg,
    passengerIds: [...leg.passengerIds, ...ids],
    stops: leg.stops.map((s) => ({
      ...s,
      boarding: [...s.boarding, ...joiners.filter((j) => stopOf.get(j.village) === s.seq).map((j) => j.workerId)],
    })),
  };
  const checks = checksOf(trip);
  joiners.forEach((j) => checks.set(j.workerId, j.checks));
  return reshare({ ...trip, legs: [newLeg] }, checks);
}
