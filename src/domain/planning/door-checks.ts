import { z } from 'zod';
import type { HeldWorker, PlanLeg, PlanTrip } from './plan-schema';
import { reshare } from './trip-edits';

/**
 * What happens to the rest of a family when one member fails the check at the vehicle door: by default they
 * are taken off and held with them (a family travels together or not at all); `others-travel` is the
 * dispatcher's explicit decision that the others go on (e.g. an adult travelling on alone).
 */
export const FamilyDecision = z.enum(['hold-family', 'others-travel']);
export type FamilyDecision = z.infer<typeof FamilyDecision>;

export interface FailedCheck {
  workerId: string;
  /** Why the check failed (fever, no mask, code not green). */
  reason: string;
  familyDecision: FamilyDecision;
}

/**
 * Who leaves the trip after the door checks: everyone who failed (boarding-check-failed), and every other
 * member aboard of their family (family-member-held) unless the dispatcher decided the others travel on. When
 * members of one family fail with different decisions, the family leaves: nobody is split off by default.
 */
export function doorLeavers(
  trip: PlanTrip,
  failed: readonly FailedCheck[],
  familyOf: ReadonlyMap<string, string | null>,
): HeldWorker[] {
  const off = new Map<string, HeldWorker>();
  for (const f of failed)
    off.set(f.workerId, {
      workerId: f.workerId,
      code: 'boarding-check-failed',
      reason: `boarding check failed on trip ${trip.key}: ${f.reason}`,
    });
  for (const f of failed) {
    const family = familyOf.get(f.workerId);
    if (!family || f.familyDecision === 'others-travel') continue;
    for (const p of trip.passengers)
      if (familyOf.get(p.workerId) === family && !off.has(p.workerId))
        off.set(p.workerId, {
          workerId: p.workerId,
          code: 'family-member-held',
          reason: `travels with family ${family}, whose member ${f.workerId} failed the boarding check on trip ${trip.key}`,
        });
  }
  return [...off.values()];
}

/**
 * Takes passengers off a trip at the door: off every leg and stop, the shares of each leg's cost re-split over
 * whoever is still aboard. A leg left with nobody aboard no longer runs and leaves the trip, whose distance and
 * cost are then the remaining legs'. A trip nobody is left on keeps its legs, empty, as the record of the
 * vehicles that were at the door (their cost stays: nobody's share).
 */
export function leaveAtDoor(trip: PlanTrip, leaving: ReadonlySet<string>): PlanTrip {
  if (!leaving.size) return trip;
  const legs: PlanLeg[] = trip.legs.map((l) => ({
    ...l,
    passengerIds: l.passengerIds.filter((id) => !leaving.has(id)),
    stops: l.stops.map((s) => ({ ...s, boarding: s.boarding.filter((id) => !leaving.has(id)) })),
  }));
  const running = legs.filter((l) => l.passengerIds.length > 0);
  const checks = new Map(trip.passengers.map((p) => [p.workerId, p.checks]));
  if (!running.length) return { ...trip, legs, passengers: [] };
  const shrunk =
    running.length === legs.length
      ? { ...trip, legs }
      : {
          ...trip,
          legs: running,
          distanceM: running.reduce((m, l) => m + l.distanceM, 0),
          costFen: running.reduce((s, l) => s + l.costFen, 0),
        };
  return reshare(shrunk, checks);
}
