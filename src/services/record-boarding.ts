import type { Principal } from '../auth/api-keys';
import { assertTripVisible } from '../auth/access';
import type { BoardingCheck, BoardingChecks } from '../contracts/boarding';
import { insertCheck, recordedChecks } from '../db/boarding-repo';
import { lockBatch } from '../db/plan-edits-repo';
import { readTrip } from '../db/plan-queries';
import { markHeld, refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import { loadTripsForUpdate } from '../db/trip-loader';
import { tripHasArrivals } from '../db/trips-repo';
import { inTransaction } from '../db/unit-of-work';
import { checkBoarding } from '../domain/health/health-checks';
import type { HeldWorker, PlanTrip } from '../domain/planning/plan-schema';
import { removePassenger } from '../domain/planning/trip-edits';
import { ConflictError, NotFoundError, ValidationError, type RowError } from '../errors';
import type { PlacementDeps } from './place-workers';
import { tripWriteContext } from './subsidy-estimates';

export interface BoardingOutcome {
  workerId: string;
  passed: boolean;
  reason: string | null;
}

export interface BoardingResult {
  tripId: string;
  key: string;
  seatsUsed: number;
  capacity: number;
  outcomes: BoardingOutcome[];
}

/** What was checked at the door. */
const checkOf = (c: BoardingCheck) => ({ temperatureC: c.temperatureC, mask: c.mask, codeColour: c.codeColour });

/** The trip after one passenger's check: the check on their list and, when failed, off the trip. */
function afterCheck(trip: PlanTrip, c: BoardingCheck, v: BoardingOutcome, checkedAt: string): PlanTrip {
  const boarding = { ...checkOf(c), passed: v.passed, reason: v.reason, checkedAt };
  const checked = {
    ...trip,
    passengers: trip.passengers.map((x) =>
      x.workerId === c.workerId ? { ...x, checks: { ...x.checks, boarding } } : x,
    ),
  };
  return v.passed ? checked : removePassenger(checked, c.workerId);
}

/**
 * Records each passenger's check at the vehicle door. A failed check takes the passenger off the trip
 * (the seat is free again, the others' cost shares are re-split) and holds them with the reason.
 * Re-sending a check already recorded returns the recorded outcome.
 */
export async function recordBoarding(
  deps: PlacementDeps,
  p: Principal,
  tripId: string,
  input: BoardingChecks,
): Promise<BoardingResult> {
  const checkedAt = input.checkedAt ?? deps.clock.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const row = await readTrip(tx, tripId);
    if (p.role === 'enterprise') throw new NotFoundError('trip');
    assertTripVisible(p, row);
    await lockBatch(tx, row.batch_id);
    if (await tripHasArrivals(tx, tripId)) throw new ConflictError('this trip has arrived; boarding is closed');
    const [loaded] = await loadTripsForUpdate(tx, row.batch_id, deps.clock.now(), [tripId]);
    const previous = await recordedChecks(tx, tripId);
    let trip = loaded.trip;
    const aboard = new Set(trip.passengers.map((x) => x.workerId));
    const errors: RowError[] = [];
    const outcomes: BoardingOutcome[] = [];
    const failed: HeldWorker[] = [];
    for (const [i, c] of input.checks.entries()) {
      const before = previous.get(c.workerId);
      if (before) {
        outcomes.push({ workerId: c.workerId, passed: before.passed, reason: before.reason });
        continue;
      }
      if (!aboard.has(c.workerId)) {
        errors.push({ row: i + 1, field: 'workerId', message: 'not a passenger of this trip' });
        continue;
      }
      const v = { workerId: c.workerId, ...checkBoarding(deps.policies.health, c) };
      await insertCheck(tx, { tripId, ...checkOf(c), ...v, checkedAt, checkedBy: p.keyId });
      trip = afterCheck(trip, c, v, checkedAt);
      if (!v.passed)
        failed.push({
          workerId: c.workerId,
          code: 'boarding-check-failed',
          reason: `boarding check failed on trip ${trip.key}: ${v.reason}`,
        });
      outcomes.push(v);
    }
    if (errors.length)
      throw new ValidationError(
        `${errors.length} check(s) name no passenger of this trip; nothing was recorded`,
        errors,
      );
    const places = await deps.places();
    const write = await tripWriteContext(tx, [trip], places, deps.policies.subsidy);
    await rewriteTrip(tx, row.batch_id, tripId, trip, write);
    await markHeld(tx, failed);
    await refreshBatchCounts(tx, row.batch_id, deps.clock.now());
    return { tripId, key: trip.key, seatsUsed: trip.passengers.length, capacity: trip.capacity, outcomes };
  });
}
