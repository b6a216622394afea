import { z } from 'zod';
import type { Principal } from '../auth/api-keys';
import { assertBatchVisible } from '../auth/access';
import { refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import { loadTripsForUpdate } from '../db/trip-loader';
import { greatCircleProvider } from '../domain/geo/distance';
import { moveBetweenBuses } from '../domain/planning/plan-edits';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors';
import { placeIntoPlannedBatch, type PlacementDeps } from './place-workers';
import { tripWriteContext } from './subsidy-estimates';

export const PlanEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('move'), workerId: z.uuid(), toTripId: z.uuid() }),
  z.object({ op: z.literal('lock'), tripId: z.uuid(), locked: z.boolean() }),
  z.object({ op: z.literal('replan') }),
]);

export class RuleViolation extends AppError {
  constructor(rule: string, message: string) {
    super(409, 'rule_violated', message, { rule });
  }
}

/**
 * A dispatcher's edit of a planned batch, in one transaction: move a passenger (with their family) to
 * another bus, lock or unlock a trip, or re-plan everything not locked. Locked, departed and boarding
 * trips are never changed.
 */
export async function editPlan(deps: PlacementDeps, p: Principal, batchId: string, body: unknown) {
  const parsed = PlanEditSchema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      'invalid plan edit',
      parsed.error.issues.map((i) => ({ row: 0, field: i.path.join('.'), message: i.message })),
    );
  const edit = parsed.data;
  return deps.db.transaction().execute(async (tx) => {
    const batch = await tx.selectFrom('batches').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
    assertBatchVisible(p, batch);
    if (p.role === 'finance') throw new NotFoundError('batch');
    if (batch.status !== 'planned') throw new ConflictError(`the batch is ${batch.status}; edit it once it is planned`);
    const now = deps.clock.now();
    const trips = await loadTripsForUpdate(tx, batchId, now);
    const places = await deps.places();
    if (edit.op === 'lock') {
      const t = trips.find((x) => x.id === edit.tripId);
      if (!t) throw new NotFoundError('trip');
      await tx.updateTable('trips').set({ locked: edit.locked }).where('id', '=', t.id).execute();
      return { op: edit.op, tripKey: t.trip.key, locked: edit.locked };
    }
    if (edit.op === 'replan') {
      const open = trips.filter((t) => !t.locked);
      const people = open.flatMap((t) => t.trip.passengers.map((x) => x.workerId));
      if (open.length)
        await tx
          .deleteFrom('trips')
          .where(
            'id',
            'in',
            open.map((t) => t.id),
          )
          .execute();
      await tx
        .updateTable('batch_workers')
        .set({ status: 'pending' })
        .where('id', 'in', people.length ? people : ['00000000-0000-0000-0000-000000000000'])
        .execute();
      const placement = await placeIntoPlannedBatch(deps, tx, batchId, people);
      return {
        op: edit.op,
        replannedTrips: open.map((t) => t.trip.key),
        newTrips: [...placement.added.map((t) => t.key), ...placement.changed.map((t) => t.key)],
      };
    }
    const from = trips.find((t) => t.trip.passengers.some((x) => x.workerId === edit.workerId));
    const to = trips.find((t) => t.id === edit.toTripId);
    if (!from) throw new NotFoundError('passenger');
    if (!to) throw new NotFoundError('trip');
    if (from.locked || to.locked)
      throw new RuleViolation('locked', `trip ${(from.locked ? from : to).trip.key} is locked, departed or boarding`);
    const mover = await tx
      .selectFrom('batch_workers')
      .selectAll()
      .where('id', '=', edit.workerId)
      .executeTakeFirstOrThrow();
    const family = mover.family_id
      ? await tx
          .selectFrom('batch_workers')
          .selectAll()
          .where('batch_id', '=', batchId)
          .where('family_id', '=', mover.family_id)
          .execute()
      : [mover];
    const aboard = new Set(from.trip.passengers.map((x) => x.workerId));
    const checks = new Map(from.trip.passengers.map((x) => [x.workerId, x.checks]));
    const movers = family
      .filter((w) => aboard.has(w.id))
      .map((w) => ({
        workerId: w.id,
        village: w.village,
        lon: w.lon,
        lat: w.lat,
        readyAt: w.earliest_departure.toISOString(),
        checks: checks.get(w.id)!,
      }));
    const ctx = {
      places,
      config: deps.policies.planner,
      health: deps.policies.health,
      distance: greatCircleProvider(deps.policies.planner.detourFactor),
    };
    const out = moveBetweenBuses(ctx, from.trip, to.trip, movers);
    if (!out.ok) throw new RuleViolation(out.rule, out.message);
    const write = await tripWriteContext(tx, [out.to, ...(out.from ? [out.from] : [])], places, deps.policies.subsidy);
    await tx
      .deleteFrom('trip_passengers')
      .where(
        'worker_id',
        'in',
        movers.map((m) => m.workerId),
      )
      .execute();
    if (out.from) await rewriteTrip(tx, batchId, from.id, out.from, write);
    else await tx.deleteFrom('trips').where('id', '=', from.id).execute();
    await rewriteTrip(tx, batchId, to.id, out.to, write);
    await refreshBatchCounts(tx, batchId);
    return {
      op: edit.op,
      moved: movers.map((m) => m.workerId),
      fromTripKey: from.trip.key,
      toTripKey: to.trip.key,
      fromRemoved: !out.from,
    };
  });
}
