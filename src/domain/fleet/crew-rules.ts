import type { PlanLeg } from '../planning/plan-schema';

/** Masks a licence number but its first four and last four characters: 1402**********1234. */
export const maskLicence = (licence: string): string =>
  licence.length <= 8
    ? '*'.repeat(licence.length)
    : licence.slice(0, 4) + '*'.repeat(licence.length - 8) + licence.slice(-4);

/**
 * The time a leg holds its vehicle and drivers: from its first stop's departure to its last stop's arrival
 * (either end falling back to the other time of that stop, and then to the trip's own times).
 */
export function legWindow(leg: PlanLeg, trip: { departAt: Date; arriveAt: Date }): { startsAt: Date; endsAt: Date } {
  const first = leg.stops[0];
  const last = leg.stops[leg.stops.length - 1];
  const start = first.departAt ?? first.arriveAt;
  const end = last.arriveAt ?? last.departAt;
  const startsAt = start ? new Date(start) : trip.departAt;
  const endsAt = end ? new Date(end) : trip.arriveAt;
  return { startsAt, endsAt: endsAt < startsAt ? startsAt : endsAt };
}

/** Why a vehicle cannot drive a leg, or null: only road legs take a crew, and every passenger needs a seat. */
export function crewRefusal(
  leg: PlanLeg,
  vehicle: { seats: number },
): { code: 'leg_not_road' } | { code: 'vehicle_too_small'; seats: number; passengers: number } | null {
  if (leg.mode !== 'bus') return { code: 'leg_not_road' };
  if (vehicle.seats < leg.passengerIds.length)
    return { code: 'vehicle_too_small', seats: vehicle.seats, passengers: leg.passengerIds.length };
  return null;
}

/** One slice of a vehicle's run: the trip and its leg (see readVehicleLegs). */
export interface VehicleSlice {
  tripId: string;
  leg: PlanLeg;
}

/**
 * The whole run of a vehicle whose slices several trips hold: everyone aboard, and the time from the first slice's
 * start to the last one's end, so a crew is checked against the vehicle, not against one trip's part of it.
 */
export function vehicleRun(
  slices: readonly VehicleSlice[],
  trip: { departAt: Date; arriveAt: Date },
): { leg: PlanLeg; startsAt: Date; endsAt: Date } {
  const windows = slices.map((s) => legWindow(s.leg, trip));
  const passengerIds = [...new Set(slices.flatMap((s) => s.leg.passengerIds))];
  return {
    leg: { ...slices[0].leg, passengerIds },
    startsAt: new Date(Math.min(...windows.map((w) => w.startsAt.getTime()))),
    endsAt: new Date(Math.max(...windows.map((w) => w.endsAt.getTime()))),
  };
}
