import { sql } from 'kysely';
import type { Database } from './database';
import type { BatchRow } from './schema';
import { refreshBatchCounts } from './plans-repo';
import type { Tx } from './unit-of-work';

/** The batches, locked in id order (two merges of overlapping batches wait for each other, never deadlock). */
export function lockBatches(tx: Tx, ids: readonly string[]): Promise<BatchRow[]> {
  return tx
    .selectFrom('batches')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** What has begun of the batches' plans by `now`: trips departed, boarded, arrived, paid for or crewed. */
export async function startedTrips(tx: Tx, ids: readonly string[], now: Date): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM trips t
    WHERE t.batch_id = ANY(${[...ids]}::uuid[]) AND (
      t.depart_at <= ${now}
      OR EXISTS (SELECT 1 FROM boarding_checks b WHERE b.trip_id = t.id)
      OR EXISTS (SELECT 1 FROM arrivals a WHERE a.trip_id = t.id)
      OR EXISTS (SELECT 1 FROM subsidies s WHERE s.trip_id = t.id)
      OR EXISTS (SELECT 1 FROM leg_crews c WHERE c.trip_id = t.id)
      OR EXISTS (SELECT 1 FROM operator_statement_items o WHERE o.trip_id = t.id))`.execute(tx);
  return Number(r.rows[0].n);
}

/** People listed in more than one of the batches (one batch holds each person once). */
export async function peopleInSeveral(tx: Tx, ids: readonly string[]): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (
      SELECT id_hash FROM batch_workers WHERE batch_id = ANY(${[...ids]}::uuid[])
      GROUP BY id_hash HAVING count(*) > 1) d`.execute(tx);
  return Number(r.rows[0].n);
}

/**
 * Moves every worker of `from` into the batch `into`, numbered on in the order of the batches given and their rows,
 * each waiting for the new plan (held again only if someone outside these batches claims them), and their claims
 * with them. A family id used in two of the batches names two families: each is told apart by its batch
 * (`F1@1a2b3c4d`). Answers how many moved.
 */
export async function moveWorkers(tx: Tx, from: readonly string[], into: string): Promise<number> {
  const moved = await sql`
    WITH ordered AS (
      SELECT w.id, row_number() OVER (ORDER BY array_position(${[...from]}::uuid[], w.batch_id), w.row_no) AS n
      FROM batch_workers w WHERE w.batch_id = ANY(${[...from]}::uuid[])),
    shared AS (
      SELECT family_id FROM batch_workers
      WHERE batch_id = ANY(${[...from]}::uuid[]) AND family_id IS NOT NULL
      GROUP BY family_id HAVING count(DISTINCT batch_id) > 1)
    UPDATE batch_workers w SET batch_id = ${into}, row_no = o.n,
      family_id = CASE WHEN w.family_id IN (SELECT family_id FROM shared)
        THEN w.family_id || '@' || left(w.batch_id::text, 8) ELSE w.family_id END,
      status = CASE WHEN w.hold_code = 'already-planned' THEN 'held' ELSE 'pending' END,
      hold_code = CASE WHEN w.hold_code = 'already-planned' THEN w.hold_code END,
      hold_reason = CASE WHEN w.hold_code = 'already-planned' THEN w.hold_reason END
    FROM ordered o WHERE w.id = o.id`.execute(tx);
  await sql`UPDATE person_claims SET batch_id = ${into} WHERE batch_id = ANY(${[...from]}::uuid[])`.execute(tx);
  return Number(moved.numAffectedRows ?? 0);
}

/**
 * The batches `from`, their workers moved, marked merged into `into` with their old trips dropped, a revision on so
 * that no job of theirs stores a plan any more; every batch's counts made anew.
 */
export async function markMerged(tx: Tx, from: readonly string[], into: string, now: Date): Promise<void> {
  await tx
    .deleteFrom('trips')
    .where('batch_id', 'in', [...from])
    .execute();
  await tx
    .updateTable('batches')
    .set({
      status: 'merged',
      merged_into: into,
      revision: sql`revision + 1`,
      progress: 0,
      error: null,
      planned_at: null,
      updated_at: now,
    })
    .where('id', 'in', [...from])
    .execute();
  for (const id of [...from, into]) await refreshBatchCounts(tx, id, now);
}

/** The batches merged into `id`, by id. */
export async function mergedInto(db: Database, id: string): Promise<string[]> {
  const rows = await db.selectFrom('batches').select('id').where('merged_into', '=', id).orderBy('id').execute();
  return rows.map((b) => b.id);
}
