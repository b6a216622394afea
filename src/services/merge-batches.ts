import type { Principal } from '../auth/api-keys';
import { assertBatchVisible } from '../auth/access';
import type { BatchMerge, BatchMergeAnswer } from '../contracts/batch-merge';
import { audit } from '../db/audit';
import {
  lockBatches,
  markMerged,
  mergedInto,
  moveWorkers,
  peopleInSeveral,
  startedTrips,
} from '../db/batch-merge-repo';
import { findBatchByIdempotencyKey, insertBatchRow } from '../db/batches-repo';
import type { BatchRow } from '../db/schema';
import { inTransaction, type Tx } from '../db/unit-of-work';
import { ConflictError, ForbiddenError } from '../errors';
import { tryEnqueue, type SubmitDeps } from './submit-batch';

/** Rolls the merge back: a request with the same idempotency key merged the batches first. */
class TakenMeanwhile extends Error {}

export type MergeDeps = Pick<SubmitDeps, 'db' | 'queue' | 'log' | 'clock'>;

/** The batches merged into `batch` by an earlier request with the same idempotency key. */
async function replay(deps: MergeDeps, batch: BatchRow): Promise<BatchMergeAnswer> {
  return {
    id: batch.id,
    status: batch.status,
    merged: await mergedInto(deps.db, batch.id),
    workers: batch.worker_count,
    replayed: true,
  };
}

/** Every batch exists for this dispatcher, is not merged already, and nothing of its plan has begun. */
async function checkMergeable(deps: MergeDeps, tx: Tx, p: Principal, ids: readonly string[]): Promise<BatchRow[]> {
  const rows = await lockBatches(tx, ids);
  for (const id of ids)
    assertBatchVisible(
      p,
      rows.find((b) => b.id === id),
    );
  const merged = rows.filter((b) => b.status === 'merged');
  if (merged.length)
    throw new ConflictError(`${merged.length} of the batches are merged already`).because('batch_merged', {
      count: merged.length,
    });
  const started = await startedTrips(tx, ids, deps.clock.now());
  if (started)
    throw new ConflictError(`${started} trip(s) of these batches have begun; nothing was merged`).because(
      'batch_under_way',
      { count: started },
    );
  const twice = await peopleInSeveral(tx, ids);
  if (twice)
    throw new ConflictError(`${twice} person(s) are listed in more than one of the batches`).because(
      'merge_people_twice',
      { count: twice },
    );
  return rows;
}

/**
 * Plans several batches of a dispatcher's counties as one: a new batch takes all their workers (in the order of the
 * batches given), the old ones are marked merged into it and their plans dropped, in one transaction; then the new
 * batch is queued, so that its pools cross the old batches' counties and factories. Refused, with nothing changed,
 * when a batch is out of scope, merged already, or any trip of theirs has begun (departed, boarded, arrived, paid
 * or crewed), or when a person is listed twice. Idempotent by key like a submission.
 */
export async function mergeBatches(
  deps: MergeDeps,
  p: Principal,
  m: BatchMerge,
  idempotencyKey: string | null,
): Promise<BatchMergeAnswer> {
  if (p.role !== 'dispatcher') throw new ForbiddenError('only dispatchers plan batches').because('role_forbidden');
  if (idempotencyKey) {
    const existing = await findBatchByIdempotencyKey(deps.db, p.keyId, idempotencyKey);
    if (existing) return replay(deps, existing);
  }
  const now = deps.clock.now();
  const result = await inTransaction(deps.db, async (tx) => {
    const rows = await checkMergeable(deps, tx, p, m.batchIds);
    const countyCodes = [...new Set(rows.flatMap((b) => b.county_codes))].sort();
    const batch = await insertBatchRow(tx, { name: m.name, createdBy: p.keyId, idempotencyKey, countyCodes }, 0, now);
    // Its workers are counted once moved (markMerged). The same key sent twice at once: the other request merged
    // them; this one answers its batch.
    if (!batch) throw new TakenMeanwhile();
    const moved = await moveWorkers(tx, m.batchIds, batch.id);
    await markMerged(tx, m.batchIds, batch.id, now);
    await audit(tx, {
      actor: p.keyId,
      action: 'batches.merge',
      entity: 'batch',
      entityId: batch.id,
      before: { batches: m.batchIds },
      after: { workers: moved },
      at: now,
    });
    return { batch, workers: moved };
  }).catch((e: unknown) => {
    if (!(e instanceof TakenMeanwhile)) throw e;
    return null;
  });
  if (!result) return replay(deps, (await findBatchByIdempotencyKey(deps.db, p.keyId, idempotencyKey!))!);
  await tryEnqueue(deps, { batchId: result.batch.id, revision: result.batch.revision });
  return {
    id: result.batch.id,
    status: result.batch.status,
    merged: [...m.batchIds].sort(),
    workers: result.workers,
    replayed: false,
  };
}
