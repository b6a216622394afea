import { z } from 'zod';
import type { Principal } from '../auth/api-keys';
import { markHeld, refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import { loadTripsForUpdate } from '../db/trip-loader';
import { checkBoarding, HealthCode } from '../domain/health/health-checks';
import type { PlanTrip } from '../domain/planning/plan-schema';
import { removePassenger } from '../domain/planning/trip-edits';
import { ConflictError, NotFoundError, ValidationError, type RowError } from '../errors';
import { assertTripVisible } from '../auth/access';
import type { PlacementDeps } from './place-workers';
import { tripWriteContext } from './subsidy-estimates';

export const BoardingSchema = z.object({
  checkedAt: z.iso.datetime({ offset: true }).optional(),
  checks: z
    .array(
      z.object({
        workerId: z.uuid(),
        temperatureC: z.number().min(30).max(45),
        mask: z.boolean(),
        codeColour: HealthCode.default('green'),
      }),
    )
    .min(1)
    .max(2000),
});

interface Outcome {
  workerId: string;
  passed: boolean;
  reason: string | null;
}

/**
 * Records each passenger's check at the vehicle door. A failed check takes the passenger off the trip
 * (the seat is free again, the others' cost shares are re-split) and holds them with the reason.
 * Re-sending a check already recorded returns the recorded outcome.
 */
export async function recordBoarding(deps: PlacementDeps, p: Principal, tripId: string, body: unknown) {
  const parsed = BoardingSchema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      'invalid boarding checks',
      parsed.error.issues.map((i) => ({
        row: typeof i.path[1] === 'number' ? i.path[1] + 1 : 0,
        field: i.path.slice(2).join('.') || i.path.join('.'),
        message: i.message,
      })),
    );
  const checkedAt = parsed.data.checkedAt ?? deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('trips').selectAll().where('id', '=', tripId).executeTakeFirst();
    if (p.role === 'enterprise') throw new NotFoundError('trip');
    assertTripVisible(p, row);
    await tx.selectFrom('batches').select('id').where('id', '=', row.batch_id).forUpdate().executeTakeFirstOrThrow();
    if (await tx.selectFrom('arrivals').select('worker_id').where('trip_id', '=', tripId).executeTakeFirst())
      throw new ConflictError('this trip has arrived; boarding is closed');
    const [loaded] = await loadTripsForUpdate(tx, row.batch_id, new Date(0), [tripId]);
    const previous = new Map(
      (await tx.selectFrom('boarding_checks').selectAll().where('trip_id', '=', tripId).execute()).map((c) => [
        c.worker_id,
        c,
      ]),
    );
    let trip: PlanTrip = loaded.trip;
    const aboard = new Set(trip.passengers.map((x) => x.workerId));
    const errors: RowError[] = [];
    const outcomes: Outcome[] = [];
    const failed: { workerId: string; code: 'boarding-check-failed'; reason: string }[] = [];
    for (const [i, c] of parsed.data.checks.entries()) {
      const before = previous.get(c.workerId);
      if (before) {
        outcomes.push({ workerId: c.workerId, passed: before.passed, reason: before.reason });
        continue;
      }
      if (!aboard.has(c.workerId)) {
        errors.push({ row: i + 1, field: 'workerId', message: 'not a passenger of this trip' });
        continue;
      }
      const v = checkBoarding(deps.policies.health, c);
      await tx
        .insertInto('boarding_checks')
        .values({
          trip_id: tripId,
          worker_id: c.workerId,
          temperature_c: c.temperatureC,
          mask: c.mask,
          code_colour: c.codeColour,
          passed: v.passed,
          reason: v.reason,
          checked_at: checkedAt,
          checked_by: p.keyId,
        })
        .execute();
      const boarding = {
        temperatureC: c.temperatureC,
        mask: c.mask,
        codeColour: c.codeColour,
        passed: v.passed,
        reason: v.reason,
        checkedAt,
      };
      trip = {
        ...trip,
        passengers: trip.passengers.map((x) =>
          x.workerId === c.workerId ? { ...x, checks: { ...x.checks, boarding } } : x,
        ),
      };
      if (!v.passed) {
        trip = removePassenger(trip, c.workerId);
        failed.push({
          workerId: c.workerId,
          code: 'boarding-check-failed',
          reason: `boarding check failed on trip ${trip.key}: ${v.reason}`,
        });
      }
      outcomes.push({ workerId: c.workerId, passed: v.passed, reason: v.reason });
    }
    if (errors.length)
      throw new ValidationError(
        `${errors.length} check(s) name no passenger of this trip; nothing was recorded`,
        errors,
      );
    const places = await deps.places();
    await rewriteTrip(
      tx,
      row.batch_id,
      tripId,
      trip,
      await tripWriteContext(tx, [trip], places, deps.policies.subsidy),
    );
    await markHeld(tx, failed);
    await refreshBatchCounts(tx, row.batch_id);
    return { tripId, key: trip.key, seatsUsed: trip.passengers.length, capacity: trip.capacity, outcomes };
  });
}
