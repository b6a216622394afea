import type { Clock } from '../clock';
import type { Queue } from 'bullmq';
import { BatchNameSchema } from '../contracts/batch-submission';
import type { PlanJob } from '../contracts/jobs';
import type { IntakePlaces } from '../domain/batch/intake-sanity';
import type { IntakePolicy } from '../domain/batch/intake-policy';
import { codeOfIssue } from '../domain/batch/issue-code';
import type { IntakeRowError } from '../domain/batch/row-error';
import { validateRows } from '../domain/batch/validate-batch';
import type { WorkerRow } from '../domain/batch/worker-row';
import type { Principal } from '../auth/api-keys';
import { allows, countyScope } from '../auth/policy';
import type { Database } from '../db/database';
import { findBatchByIdempotencyKey, insertBatch, markEnqueued } from '../db/batches-repo';
import type { BatchRow } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { enqueuePlan } from './planning/enqueue-plan';

export interface SubmitDeps {
  db: Database;
  queue: Queue<PlanJob>;
  log: Logger;
  knownFactories: () => Promise<Set<string>>;
  knownCounties: () => Promise<Set<string>>;
  countyAliases: () => Promise<Map<string, string>>;
  cipher: PersonalDataCipher;
  clock: Clock;
  /** Counties and villages: how far from its county a home may lie. */
  places: () => Promise<IntakePlaces>;
  /** The planner's UTC offset reads local dates and times of the rows; the intake policy says what is plausible. */
  policies: { planner: { utcOffsetMin: number }; intake: IntakePolicy };
}

export interface Submission {
  name: string;
  rows: readonly unknown[];
  idempotencyKey: string | null;
}

/** One problem per distinct unknown code, with how many rows carry it: 2,821 rows of one county are one fix. */
function unknownCodeErrors(
  rows: readonly { countyCode: string; factoryId: string }[],
  counties: ReadonlySet<string>,
  factories: ReadonlySet<string>,
  rowNos: readonly number[],
): IntakeRowError[] {
  const unknown = new Map<string, { row: number; field: 'countyCode' | 'factoryId'; code: string; n: number }>();
  const note = (row: number, field: 'countyCode' | 'factoryId', code: string) => {
    const k = `${field}:${code}`;
    const seen = unknown.get(k);
    if (seen) seen.n++;
    else unknown.set(k, { row, field, code, n: 1 });
  };
  rows.forEach((r, i) => {
    if (!counties.has(r.countyCode)) note(rowNos[i], 'countyCode', r.countyCode);
    if (!factories.has(r.factoryId)) note(rowNos[i], 'factoryId', r.factoryId);
  });
  return [...unknown.values()].map(({ row, field, code, n }) => ({
    row,
    field,
    code: field === 'countyCode' ? ('county_unknown' as const) : ('factory_unknown' as const),
    params: { [field]: code, rows: n },
    message:
      field === 'countyCode'
        ? `county ${code} unknown: ${n} row(s), first row ${row}; search /api/v1/reference/counties or load it`
        : `factory ${code} unknown: ${n} row(s), first row ${row}; register it with POST /api/v1/factories`,
  }));
}

/** Rows of counties outside the key's scope: a 403, once every row is otherwise valid. */
function assertInScope(rows: readonly { countyCode: string }[], p: Principal): void {
  const outside = [...new Set(rows.map((r) => r.countyCode))].filter((c) => !allows(countyScope(p), c));
  if (outside.length)
    throw new ForbiddenError(`this key may not submit workers of counties ${outside.join(', ')}`, {
      counties: outside,
    }).because('counties_outside_scope', { counties: outside.join(', ') });
}

/**
 * Every row valid and plausible (coordinates near the home county, years in the policy's window, working age at
 * departure: the clock's now and the intake policy), every county in scope, every factory and county known; else
 * 422/403 and nothing is stored.
 */
export async function validSubmission(
  deps: Pick<SubmitDeps, 'knownFactories' | 'knownCounties' | 'countyAliases' | 'policies' | 'places' | 'clock'>,
  p: Principal,
  raw: readonly unknown[],
  extra: IntakeRowError[] = [],
  rowNos?: readonly number[],
): Promise<WorkerRow[]> {
  const sanity = { policy: deps.policies.intake, places: await deps.places(), now: deps.clock.now() };
  const parsed = validateRows(raw, deps.policies.planner.utcOffsetMin, sanity, rowNos);
  const { errors } = parsed;
  // A code of an older vintage (a county renamed or merged since) is stored as the code it is today.
  const aliases = await deps.countyAliases();
  const rows = parsed.rows.map((r) =>
    aliases.has(r.countyCode) ? { ...r, countyCode: aliases.get(r.countyCode)! } : r,
  );
  errors.unshift(...extra);
  if (raw.length === 0)
    errors.unshift({
      row: 0,
      field: 'workers',
      message: 'a batch needs at least one worker',
      code: 'workers_required',
      params: {},
    });
  // Unknown counties and factories are named beside the other problems: one preview lists every fix.
  const [factories, counties] = await Promise.all([deps.knownFactories(), deps.knownCounties()]);
  errors.push(...unknownCodeErrors(rows, counties, factories, parsed.rowNos));
  errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  if (errors.length === 0) assertInScope(rows, p);
  if (errors.length)
    throw new ValidationError(`${errors.length} problem(s) in the batch; nothing was stored`, errors).because(
      'batch_problems',
      { count: errors.length },
    );
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
  s: Submission & { rowNos?: readonly number[] },
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
    name.success
      ? []
      : [
          {
            row: 0,
            field: 'name',
            message: name.error.issues[0].message,
            ...codeOfIssue(name.error.issues[0], 'name'),
          },
        ],
    s.rowNos,
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
