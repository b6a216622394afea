import type { Principal } from '../auth/api-keys';
import { assertTripVisible } from '../auth/access';
import type { BoardingView } from '../contracts/boarding';
import type { Database } from '../db/database';
import { checksOfTrip, familyHeldOf } from '../db/boarding-repo';
import { readTrip } from '../db/plan-queries';
import type { HealthPolicy } from '../domain/health/health-policy';

export interface BoardingViewDeps {
  db: Database;
  policies: { health: HealthPolicy };
}

/**
 * The door's record of one trip: every check recorded on it (those who failed have left the trip, so the plan
 * no longer shows them there), the family members taken off with them, and the rules the checks are held to.
 */
export async function boardingView(deps: BoardingViewDeps, p: Principal, tripId: string): Promise<BoardingView> {
  const trip = await readTrip(deps.db, tripId);
  assertTripVisible(p, trip);
  const checks = await checksOfTrip(deps.db, tripId);
  const families = [...new Set(checks.filter((c) => !c.passed && c.family_id).map((c) => c.family_id!))];
  const held = await familyHeldOf(
    deps.db,
    trip.batch_id,
    families,
    checks.map((c) => c.worker_id),
  );
  return {
    tripId: trip.id,
    key: trip.key,
    seatsUsed: trip.seats_used,
    capacity: trip.capacity,
    rules: {
      feverFromC: deps.policies.health.boarding.feverFromC,
      maskRequired: deps.policies.health.boarding.maskRequired,
    },
    checks: checks.map((c) => ({
      workerId: c.worker_id,
      name: c.name,
      idNumber: c.id_masked,
      familyId: c.family_id,
      temperatureC: c.temperature_c,
      mask: c.mask,
      codeColour: c.code_colour,
      passed: c.passed,
      checkedAt: new Date(c.checked_at).toISOString(),
      aboard: c.aboard,
    })),
    familyHeld: held.map((w) => ({ workerId: w.id, name: w.name, idNumber: w.id_masked, familyId: w.family_id! })),
  };
}
