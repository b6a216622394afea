import { sql } from 'kysely';
import type { WorkerRow } from '../domain/batch/worker-row';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { maskIdNumber } from '../domain/identity/id-number';
import { maskPhone } from '../domain/identity/phone';
import { maskAccountNumber, payeeAccountOf } from '../domain/batch/payee-account';
import type { Database } from './database';
import type { BatchRow, NewWorkerDbRow } from './schema';
import { inTransaction, type Tx } from './unit-of-work';

export interface NewBatch {
  name: string;
  createdBy: string;
  idempotencyKey: string | null;
  countyCodes: string[];
  workers: WorkerRow[];
}

/** The payee columns of a worker: the account number encrypted and masked like the ID number. */
function payeeColumns(w: WorkerRow, c: PersonalDataCipher) {
  const a = payeeAccountOf(w);
  return {
    account_type: a?.type ?? null,
    account_enc: a ? c.encrypt(a.number) : null,
    account_masked: a ? maskAccountNumber(a.number) : null,
    account_holder: a?.holder ?? null,
    bank_name: a?.bankName ?? null,
  };
}

const toDbWorker = (batchId: string, w: WorkerRow, i: number, c: PersonalDataCipher): NewWorkerDbRow => ({
  batch_id: batchId,
  row_no: i + 1,
  name: w.name,
  county_code: w.countyCode,
  id_hash: c.hash(w.idNumber),
  id_enc: c.encrypt(w.idNumber),
  id_masked: maskIdNumber(w.idNumber),
  phone_enc: c.encrypt(w.phone),
  phone_masked: maskPhone(w.phone),
  village: w.village,
  lon: w.lon,
  lat: w.lat,
  factory_id: w.factoryId,
  health_code: w.healthCode,
  health_code_province: w.healthCodeProvince ?? null,
  nucleic_test_at: w.nucleicTestAt ?? null,
  registered_poor: w.registeredPoor,
  earliest_departure: w.earliestDeparture,
  family_id: w.familyId ?? null,
  ...payeeColumns(w, c),
  status: 'pending',
});

export async function findBatchByIdempotencyKey(
  db: Database,
  createdBy: string,
  key: string,
): Promise<BatchRow | undefined> {
  return db
    .selectFrom('batches')
    .selectAll()
    .where('created_by', '=', createdBy)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The held reason of a person already seated in another open batch, as stored: it names nothing outside scope. */
export const ALREADY_PLANNED_ELSEWHERE = 'already planned elsewhere';

/** Inserts workers numbered from `firstRow`, claims each person, and holds those already seated elsewhere. */
export async function insertWorkers(
  tx: Tx,
  batchId: string,
  workers: readonly WorkerRow[],
  cipher: PersonalDataCipher,
  firstRow = 1,
): Promise<{ ids: string[]; held: number }> {
  const ids: string[] = [];
  for (let i = 0; i < workers.length; i += 1000) {
    const chunk = workers.slice(i, i + 1000).map((w, j) => toDbWorker(batchId, w, firstRow - 1 + i + j, cipher));
    ids.push(...(await tx.insertInto('batch_workers').values(chunk).returning('id').execute()).map((r) => r.id));
  }
  await sql`
    INSERT INTO person_claims (id_hash, worker_id, batch_id)
    SELECT id_hash, id, batch_id FROM batch_workers WHERE id = ANY(${ids}::uuid[])
    ON CONFLICT (id_hash) DO NOTHING`.execute(tx);
  // The stored reason names no batch: it may be another county's. Views name it to keys that may see it.
  const held = await sql`
    UPDATE batch_workers w SET status = 'held', hold_code = 'already-planned',
      hold_reason = ${ALREADY_PLANNED_ELSEWHERE}
    FROM person_claims c
    WHERE w.id = ANY(${ids}::uuid[]) AND c.id_hash = w.id_hash AND c.worker_id <> w.id`.execute(tx);
  return { ids, held: Number(held.numAffectedRows ?? 0) };
}

/**
 * A new batch's row, queued, with `workers` counted; undefined when the key's idempotency key is taken (by a request
 * committed first: the caller answers that one's batch).
 */
export function insertBatchRow(
  tx: Tx,
  b: Omit<NewBatch, 'workers'>,
  workers: number,
  now: Date,
): Promise<BatchRow | undefined> {
  return tx
    .insertInto('batches')
    .values({
      name: b.name,
      created_by: b.createdBy,
      idempotency_key: b.idempotencyKey,
      county_codes: b.countyCodes,
      worker_count: workers,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['created_by', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Stores a batch and its workers in one transaction. Each person is claimed in `person_claims`;
 * someone already claimed by another open batch is stored as held, so nobody gets two seats.
 * `now` (the clock's) is its updated_at, which the re-queue sweep compares. Returns null when the
 * idempotency key was taken concurrently.
 */
export async function insertBatch(
  db: Database,
  b: NewBatch,
  cipher: PersonalDataCipher,
  now: Date,
): Promise<BatchRow | null> {
  return inTransaction(db, async (tx) => {
    const batch = await insertBatchRow(tx, b, b.workers.length, now);
    if (!batch) return null;
    const { held } = await insertWorkers(tx, batch.id, b.workers, cipher);
    return tx
      .updateTable('batches')
      .set({ held_count: held })
      .where('id', '=', batch.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function getBatch(db: Database, id: string): Promise<BatchRow | undefined> {
  return db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markEnqueued(db: Database, id: string, now: Date): Promise<void> {
  await db.updateTable('batches').set({ enqueued_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * Batches the re-queue sweep hands (again) to the queue: committed but never queued (Redis was down), or
 * queued or planning with no progress for `staleMs` (Redis lost the job, e.g. restarted without persistence).
 */
export async function listUnqueued(
  db: Database,
  now: Date,
  staleMs: number,
  limit = 100,
): Promise<Pick<BatchRow, 'id' | 'revision'>[]> {
  const staleBefore = new Date(now.getTime() - staleMs);
  return db
    .selectFrom('batches')
    .select(['id', 'revision'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('enqueued_at', 'is', null)]),
        eb.and([eb('status', 'in', ['queued', 'planning']), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Progress only moves forward: reports sent concurrently (children, async planning) may land out of order.
 * `now` is the updated_at the re-queue sweep measures staleness from.
 */
export async function setProgress(db: Database, id: string, progress: number, now: Date): Promise<void> {
  await db
    .updateTable('batches')
    .set({ status: 'planning', progress: sql<number>`GREATEST(progress, ${progress})`, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'planning'])
    .execute();
}

/**
 * Marks a batch revision failed with the reason, while it is still being planned: a late report (retried while
 * PostgreSQL was away) never overwrites a plan stored meanwhile or a newer revision. False when nothing changed.
 */
export async function markFailed(
  db: Database,
  id: string,
  revision: number,
  error: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('batches')
    .set({ status: 'failed', error, updated_at: now })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .where('status', 'in', ['queued', 'planning'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
