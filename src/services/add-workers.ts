import type { Principal } from '../auth/api-keys';
import { assertBatchVisible } from '../auth/access';
import { insertWorkers } from '../db/batches-repo';
import { ConflictError, ValidationError } from '../errors';
import { placeIntoPlannedBatch, type PlacementDeps } from './place-workers';
import { validSubmission, type SubmitDeps } from './submit-batch';

/**
 * Adds workers to a planned batch: validated like a submission, then each seated on a suitable trip
 * with a free seat or on a new trip, without touching anyone already planned.
 */
export async function addWorkers(
  deps: PlacementDeps & Pick<SubmitDeps, 'knownFactories' | 'knownCounties' | 'cipher'>,
  p: Principal,
  batchId: string,
  raw: readonly unknown[],
) {
  const rows = await validSubmission(deps, p, raw);
  return deps.db.transaction().execute(async (tx) => {
    const batch = await tx.selectFrom('batches').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
    assertBatchVisible(p, batch);
    if (p.role === 'finance') throw new ConflictError('only dispatchers add workers');
    if (batch.status !== 'planned')
      throw new ConflictError(`workers can be added once the batch is planned; it is ${batch.status}`);
    const existing = new Set(
      (await tx.selectFrom('batch_workers').select('id_hash').where('batch_id', '=', batchId).execute()).map(
        (w) => w.id_hash,
      ),
    );
    const dup = rows.flatMap((r, i) =>
      existing.has(deps.cipher.hash(r.idNumber))
        ? [{ row: i + 1, field: 'idNumber', message: 'this person is already in the batch' }]
        : [],
    );
    if (dup.length) throw new ValidationError(`${dup.length} worker(s) already in the batch; nothing was stored`, dup);
    const last = await tx
      .selectFrom('batch_workers')
      .select((eb) => eb.fn.max('row_no').as('n'))
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    const { ids } = await insertWorkers(tx, batchId, rows, deps.cipher, Number(last.n ?? 0) + 1);
    const counties = [...new Set([...batch.county_codes, ...rows.map((r) => r.countyCode)])].sort();
    await tx.updateTable('batches').set({ county_codes: counties }).where('id', '=', batchId).execute();
    const pending = await tx
      .selectFrom('batch_workers')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .execute();
    const placement = await placeIntoPlannedBatch(
      deps,
      tx,
      batchId,
      pending.map((w) => w.id),
    );
    return {
      added: ids.length,
      joinedTrips: placement.changed.map((t) => t.key),
      newTrips: placement.added.map((t) => t.key),
      held: placement.held.length + (ids.length - pending.length),
    };
  });
}
