import type { Principal } from '../auth/api-keys';
import { assertTripVisible } from '../auth/access';
import type { BoardingAnswer, BoardingCheck, BoardingChecks } from '../contracts/boarding';
import { rowCode } from '../contracts/error-reasons';
import { insertCheck, recordedChecks, type RecordedCheck } from '../db/boarding-repo';
import { lockBatch, workersOf } from '../db/plan-edits-repo';
import { readTrip } from '../db/plan-queries';
import { markHeld, refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import { loadTripsForUpdate } from '../db/trip-loader';
import { tripHasArrivals } from '../db/trips-repo';
import { inTransaction, type Tx } from '../db/unit-of-work';
import { checkBoarding } from '../domain/health/health-checks';
import { doorLeavers, leaveAtDoor, type FailedCheck } from '../domain/planning/door-checks';
import type { PlanTrip } from '../domain/planning/plan-schema';
import { AppError, NotFoundError, ValidationError, type RowError } from '../errors';
import { assertNotLeft } from './edit-plan';
import type { PlacementDeps } from './place-workers';
import { tripWriteContext } from './subsidy-estimates';

export type BoardingOutcome = BoardingAnswer['outcomes'][number];
export type BoardingResult = BoardingAnswer;

/** What was checked at the door. */
const checkOf = (c: BoardingCheck) => ({ temperatureC: c.temperatureC, mask: c.mask, codeColour: c.codeColour });

/** The trip with one passenger's boarding check on their check list. */
function withCheck(trip: PlanTrip, c: BoardingCheck, v: BoardingOutcome, checkedAt: string): PlanTrip {
  const boarding = { ...checkOf(c), passed: v.passed, reason: v.reason, checkedAt };
  return {
    ...trip,
    passengers: trip.passengers.map((x) =>
      x.workerId === c.workerId ? { ...x, checks: { ...x.checks, boarding } } : x,
    ),
  };
}

/** Checks already recorded (answered as recorded) and new ones, or row errors for anyone not aboard. */
function sortChecks(
  checks: readonly BoardingCheck[],
  previous: ReadonlyMap<string, RecordedCheck>,
  aboard: ReadonlySet<string>,
): { fresh: BoardingCheck[]; repeated: Map<string, BoardingOutcome> } {
  const errors: RowError[] = [];
  const fresh: BoardingCheck[] = [];
  const repeated = new Map<string, BoardingOutcome>();
  const seen = new Set<string>();
  for (const [i, c] of checks.entries()) {
    const before = previous.get(c.workerId);
    if (before) repeated.set(c.workerId, { workerId: c.workerId, passed: before.passed, reason: before.reason });
    else if (!aboard.has(c.workerId))
      errors.push({
        row: i + 1,
        field: 'workerId',
        message: 'not a passenger of this trip',
        ...rowCode('not_a_passenger'),
      });
    else if (seen.has(c.workerId))
      errors.push({
        row: i + 1,
        field: 'workerId',
        message: 'this passenger is checked twice in the request',
        ...rowCode('checked_twice'),
      });
    else fresh.push(c);
    seen.add(c.workerId);
  }
  if (errors.length)
    throw new ValidationError(`${errors.length} check(s) cannot be recorded; nothing was recorded`, errors).because(
      'boarding_checks_refused',
      { count: errors.length },
    );
  return { fresh, repeated };
}

/** The family of each passenger aboard (read only when someone failed). */
async function familiesAboard(tx: Tx, batchId: string, trip: PlanTrip): Promise<Map<string, string | null>> {
  const rows = await workersOf(
    tx,
    batchId,
    trip.passengers.map((p) => p.workerId),
  );
  return new Map(rows.map((w) => [w.id, w.family_id]));
}

/**
 * Records each passenger's check at the vehicle door, all checks of a request first. A failed check takes the
 * passenger off the trip and holds them with the reason; their family aboard leaves with them (held as
 * family-member-held) unless the failed check says `familyDecision: 'others-travel'`. The seats are free
 * again and the cost shares of those still aboard are re-split. Re-sending a check already recorded answers
 * the recorded outcome and changes nothing.
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
    // A stable code of its own, so the door's page can say why in the dispatcher's language.
    if (await tripHasArrivals(tx, tripId))
      throw new AppError(409, 'boarding_closed', 'this trip has arrived; boarding is closed', {
        reason: 'arrived',
      }).because('boarding_closed');
    const [loaded] = await loadTripsForUpdate(tx, row.batch_id, deps.clock.now(), [tripId]);
    // Checks are made at the door before the vehicle leaves; afterwards they would describe nobody's boarding.
    assertNotLeft(loaded);
    let trip = loaded.trip;
    const aboard = new Set(trip.passengers.map((x) => x.workerId));
    const { fresh, repeated } = sortChecks(input.checks, await recordedChecks(tx, tripId), aboard);
    const verdicts = new Map<string, BoardingOutcome>();
    const failed: FailedCheck[] = [];
    for (const c of fresh) {
      const v = { workerId: c.workerId, ...checkBoarding(deps.policies.health, c) };
      await insertCheck(tx, { tripId, ...checkOf(c), ...v, checkedAt, checkedBy: p.keyId });
      trip = withCheck(trip, c, v, checkedAt);
      verdicts.set(c.workerId, v);
      if (!v.passed)
        failed.push({ workerId: c.workerId, reason: v.reason ?? 'failed', familyDecision: c.familyDecision });
    }
    const outcomes = input.checks.map((c) => repeated.get(c.workerId) ?? verdicts.get(c.workerId)!);
    const takenOff = failed.length ? doorLeavers(trip, failed, await familiesAboard(tx, row.batch_id, trip)) : [];
    trip = leaveAtDoor(trip, new Set(takenOff.map((h) => h.workerId)));
    if (fresh.length) {
      const places = await deps.places();
      const write = await tripWriteContext(
        tx,
        [trip],
        places,
        deps.policies.subsidy,
        deps.policies.planner.utcOffsetMin,
      );
      await rewriteTrip(tx, row.batch_id, tripId, trip, write);
      await markHeld(tx, takenOff);
      await refreshBatchCounts(tx, row.batch_id, deps.clock.now());
    }
    return { tripId, key: trip.key, seatsUsed: trip.passengers.length, capacity: trip.capacity, outcomes, takenOff };
  });
}
