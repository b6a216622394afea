import type { Principal } from '../auth/api-keys';
import type { AddWorkersAnswer } from '../contracts/add-workers';
import { assertBatchVisible } from '../auth/access';
import { insertWorkers } from '../db/batches-repo';
import { idHashesOf, lastRowNo, lockBatch, pendingAmong, setCountyCodes } from '../db/plan-edits-repo';
import { inTransaction } from '../db/unit-of-work';
import type { WorkerRow } from '../domain/batch/worker-row';
import type { IntakeRowError } from '../domain/batch/row-error';
import { ConflictError, ValidationError } from '../errors';
import { placeIntoPlannedBatch, type PlacementDeps } from './place-workers';
import { validSubmission, type SubmitDeps } from './submit-batch';

export type AddWorkersResult = AddWorkersAnswer;

type AddDeps = PlacementDeps &
  Pick<SubmitDeps, 'knownFactories' | 'knownCounties' | 'countyAliases' | 'cipher' | 'policies'>;

/** Rows naming someone already in the batch, as row errors (`rowNos`: each row's number, e.g. a CSV line). */
const duplicates = (
  deps: AddDeps,
  rows: readonly WorkerRow[],
  inBatch: ReadonlySet<string>,
  rowNos?: readonly number[],
): IntakeRowError[] =>
  rows.flatMap((r, i) =>
    inBatch.has(deps.cipher.hash(r.idNumber))
      ? [
          {
            row: rowNos?.[i] ?? i + 1,
            field: 'idNumber',
            message: 'this person is already in the batch',
            code: 'already_in_batch' as const,
            params: {},
          },
        ]
      : [],
  );

/**
 * Adds workers to a planned batch: validated like a submission, then each seated on a suitable trip
 * with a free seat or on a new trip, without touching anyone already planned.
 */
export async function addWorkers(
  deps: AddDeps,
  p: Principal,
  batchId: string,
  raw: readonly unknown[],
  rowNos?: readonly number[],
): Promise<AddWorkersResult> {
  const rows = await validSubmission(deps, p, raw, [], rowNos);
  return inTransaction(deps.db, async (tx) => {
    const batch = await lockBatch(tx, batchId);
    assertBatchVisible(p, batch);
    if (p.role === 'finance')
      throw new ConflictError('only dispatchers add workers').because('dispatchers_add_workers');
    if (batch.status !== 'planned')
      throw new ConflictError(`workers can be added once the batch is planned; it is ${batch.status}`).because(
        'batch_not_planned',
        { status: batch.status },
      );
    const dup = duplicates(deps, rows, await idHashesOf(tx, batchId), rowNos);
    if (dup.length)
      throw new ValidationError(`${dup.length} worker(s) already in the batch; nothing was stored`, dup).because(
        'workers_already_in_batch',
        { count: dup.length },
      );
    const { ids } = await insertWorkers(tx, batchId, rows, deps.cipher, (await lastRowNo(tx, batchId)) + 1);
    await setCountyCodes(tx, batchId, [...new Set([...batch.county_codes, ...rows.map((r) => r.countyCode)])].sort());
    // Those already seated in another open batch were held on insert; the others are placed.
    const pending = await pendingAmong(tx, ids);
    const placement = await placeIntoPlannedBatch(deps, tx, batchId, pending);
    return {
      added: ids.length,
      joinedTrips: placement.changed.map((t) => t.key),
      newTrips: placement.added.map((t) => t.key),
      held: placement.held.length + (ids.length - pending.length),
      workers: ids.map((workerId, i) => ({ row: i + 1, workerId })),
    };
  });
}
