import type { Clock } from '../clock';
import type { Queue } from 'bullmq';
import { BatchNameSchema } from '../contracts/batch-submission';
import type { PlanJob } from '../contracts/jobs';
import { validateRows } from '../domain/batch/validate-batch';
import type { WorkerRow } from '../domain/batch/worker-row';
import type { Principal } from '../auth/api-keys';
import { inScope } from '../auth/api-keys';
import type { Database } from '../db/database';
import { findBatchByIdempotencyKey, insertBatch, markEnqueued } from '../db/batches-repo';
import type { BatchRow } from '../db/schema';
import { ForbiddenError, ValidationError, type RowError } from '../errors';
import type { Logger } from '../logger';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { enqueuePlan } from './planning/enqueue-plan';

export interface SubmitDeps {
  db: Database;
  queue: Queue<PlanJob>;
  log: Logger;
  knownFactories: () => Promise<Set<string>>;
  knownCounties: () => Promise<Set<string>>;
  cipher: PersonalDataCipher;
  clock: Clock;
  /** The planner's UTC offset reads local dates and times of the rows. */
  policies: { planner: { utcOffsetMin: number } };
}

export interface Submission {
  name: string;
  rows: readonly unknown[];
  idempotencyKey: string | null;
}

async function referenceErrors(
  deps: Pick<SubmitDeps, 'knownFactories' | 'knownCounties'>,
  rows: { countyCode: string; factoryId: string }[],
  p: Principal,
): Promise<RowError[]> {
  const [factories, counties] = await Promise.all([deps.knownFactories(), deps.knownCounties()]);
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    if (!counties.has(r.countyCode))
      errors.push({ row: i + 1, field: 'countyCode', message: `unknown county code ${r.countyCode}` });
    if (!factories.has(r.factoryId))
      errors.push({ row: i + 1, field: 'factoryId', message: `unknown factory ${r.factoryId}` });
  });
  const outside = [...new Set(rows.map((r) => r.countyCode))].filter((c) => !inScope(p, c));
  if (outside.length)
    throw new ForbiddenError(`this key may not submit workers of counties ${outside.join(', ')}`, {
      counties: outside,
    });
  return errors;
}

/** Every row valid, every county in scope, every factory and county known; else 422/403 and nothing is stored. */
export async function validSubmission(
  deps: Pick<SubmitDeps, 'knownFactories' | 'knownCounties' | 'policies'>,
  p: Principal,
  raw: readonly unknown[],
  extra: RowError[] = [],
): Promise<WorkerRow[]> {
  const { rows, errors } = validateRows(raw, deps.policies.planner.utcOffsetMin);
  errors.unshift(...extra);
  if (raw.length === 0) errors.unshift({ row: 0, field: 'workers', message: 'a batch needs at least one worker' });
  if (errors.length === 0) errors.push(...(await referenceErrors(deps, rows, p)));
  if (errors.length) throw new ValidationError(`${errors.length} problem(s) in the batch; nothing was stored`, errors);
  return rows;
}

/** Hands a stored batch to the queue; if Redis is unreachable the re-queue sweep tries again later. */
export async function tryEnqueue(
  deps: Pick<SubmitDeps, 'db' | 'queue' | 'log' | 'clock'>,
  job: PlanJob,
): Promise<boolean> {
  try {
    await enqueuePlan(deps.queue, job);
    await markEnqueued(deps.db, job.batchId, deps.clock.now());
    return true;
  } catch (e) {
    deps.log.warn(
      { batchId: job.batchId, err: (e as Error).message },
      'batch stored but not queued yet; the re-queue sweep will retry',
    );
    return false;
  }
}

/**
 * Validates every row, checks county scope and reference data, stores the batch with its workers
 * in one transaction, then queues it. Nothing is stored when any row is invalid.
 */
export async function submitBatch(
  deps: SubmitDeps,
  p: Principal,
  s: Submission,
): Promise<{ batch: BatchRow; replayed: boolean }> {
  if (s.idempotencyKey) {
    const existing = await findBatchByIdempotencyKey(deps.db, p.keyId, s.idempotencyKey);
    if (existing) return { batch: existing, replayed: true };
  }
  const name = BatchNameSchema.safeParse(s.name);
  const rows = await validSubmission(
    deps,
    p,
    s.rows,
    name.success ? [] : [{ row: 0, field: 'name', message: name.error.issues[0].message }],
  );
  const batch = await insertBatch(
    deps.db,
    {
      name: name.data!,
      createdBy: p.keyId,
      idempotencyKey: s.idempotencyKey,
      workers: rows,
      countyCodes: [...new Set(rows.map((r) => r.countyCode))].sort(),
    },
    deps.cipher,
    deps.clock.now(),
  );
  if (!batch) return { batch: (await findBatchByIdempotencyKey(deps.db, p.keyId, s.idempotencyKey!))!, replayed: true };
  await tryEnqueue(deps, { batchId: batch.id, revision: batch.revision });
  return { batch, replayed: false };
}
