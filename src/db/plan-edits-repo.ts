import type { HealthUpdate } from '../contracts/health-updates';
import { inList } from './in-list';
import type { BatchRow, WorkerDbRow } from './schema';
import type { Tx } from './unit-of-work';

/**
 * The batch row and its workers as edits of a planned batch read and change them. Every edit locks the
 * batch row first, so edits of one batch (and a planning job storing it) take turns.
 */

export async function lockBatch(tx: Tx, batchId: string): Promise<BatchRow | undefined> {
  return tx.selectFrom('batches').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
}

export async function setCountyCodes(tx: Tx, batchId: string, countyCodes: readonly string[]): Promise<void> {
  await tx
    .updateTable('batches')
    .set({ county_codes: [...countyCodes] })
    .where('id', '=', batchId)
    .execute();
}

/** The keyed hashes of the ID numbers already in a batch. */
export async function idHashesOf(tx: Tx, batchId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('batch_workers').select('id_hash').where('batch_id', '=', batchId).execute();
  return new Set(rows.map((w) => w.id_hash));
}

/** The highest row number of a batch (0 for none): added workers are numbered after it. */
export async function lastRowNo(tx: Tx, batchId: string): Promise<number> {
  const last = await tx
    .selectFrom('batch_workers')
    .select((eb) => eb.fn.max('row_no').as('n'))
    .where('batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return Number(last.n ?? 0);
}

export async function findWorker(tx: Tx, workerId: string): Promise<WorkerDbRow | undefined> {
  return tx.selectFrom('batch_workers').selectAll().where('id', '=', workerId).executeTakeFirst();
}

/** Workers of a batch among `workerIds`, in no particular order. */
export async function workersOf(tx: Tx, batchId: string, workerIds: readonly string[]): Promise<WorkerDbRow[]> {
  if (!workerIds.length) return [];
  return tx
    .selectFrom('batch_workers')
    .selectAll()
    .where((eb) => inList(eb, 'id', workerIds))
    .where('batch_id', '=', batchId)
    .execute();
}

/** Those of `workerIds` still waiting for a seat (not held). */
export async function pendingAmong(tx: Tx, workerIds: readonly string[]): Promise<string[]> {
  if (!workerIds.length) return [];
  const rows = await tx
    .selectFrom('batch_workers')
    .select('id')
    .where((eb) => inList(eb, 'id', workerIds))
    .where('status', '=', 'pending')
    .execute();
  return rows.map((w) => w.id);
}

/** Everyone of a family in a batch. */
export async function familyOf(tx: Tx, batchId: string, familyId: string): Promise<WorkerDbRow[]> {
  return tx
    .selectFrom('batch_workers')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('family_id', '=', familyId)
    .execute();
}

/** The ids of a family's members held for one of `holdCodes`. */
export async function heldFamilyMembers(
  tx: Tx,
  batchId: string,
  familyId: string,
  holdCodes: readonly string[],
): Promise<string[]> {
  const rows = await tx
    .selectFrom('batch_workers')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('family_id', '=', familyId)
    .where('status', '=', 'held')
    .where((eb) => inList(eb, 'hold_code', holdCodes))
    .execute();
  return rows.map((w) => w.id);
}

/** Puts workers back to waiting for a seat (before they are placed again). */
export async function setPending(tx: Tx, workerIds: readonly string[]): Promise<void> {
  if (!workerIds.length) return;
  await tx
    .updateTable('batch_workers')
    .set({ status: 'pending' })
    .where((eb) => inList(eb, 'id', workerIds))
    .execute();
}

/** Stores a worker's new health status; fields absent from the update keep their value. */
export async function setHealth(tx: Tx, workerId: string, u: HealthUpdate): Promise<void> {
  await tx
    .updateTable('batch_workers')
    .set({
      health_code: u.healthCode,
      ...(u.healthCodeProvince !== undefined ? { health_code_province: u.healthCodeProvince } : {}),
      ...(u.nucleicTestAt !== undefined ? { nucleic_test_at: u.nucleicTestAt } : {}),
    })
    .where('id', '=', workerId)
    .execute();
}
