import { sql, type Selectable } from 'kysely';
import type { Scope } from '../auth/policy';
import type { Database } from './database';
import type { FlowChange } from './flow-change';
import { inList } from './in-list';
import type { SubsidyListsTable } from './schema';
import { effectiveStatus, type GateClock } from './subsidies-repo';
import type { Tx } from './unit-of-work';

export type SubsidyListRow = Selectable<SubsidyListsTable>;
type Reader = Database | Tx;

export function findList(db: Reader, id: string): Promise<SubsidyListRow | undefined> {
  return db.selectFrom('subsidy_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The list, locked until the transaction ends, so two transitions of one list run one after the other. */
export function lockList(tx: Tx, id: string): Promise<SubsidyListRow | undefined> {
  return tx.selectFrom('subsidy_lists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ListsQuery {
  /** Counties in scope (null: all). */
  counties: Scope;
  status?: SubsidyListRow['status'];
  /** Lists this key can approve at `now`: published, notice over, made by someone else (approval moves them on). */
  awaiting?: { keyId: string; now: Date };
  limit: number;
  offset: number;
}

/** One page of the lists a query matches, newest first (id breaks ties), and how many match in all. */
export async function findLists(db: Database, f: ListsQuery): Promise<{ rows: SubsidyListRow[]; total: number }> {
  let q = db.selectFrom('subsidy_lists');
  if (f.counties) q = q.where((eb) => inList(eb, 'county_code', f.counties!));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.awaiting)
    q = q
      .where('status', '=', 'published')
      .where('created_by', '<>', f.awaiting.keyId)
      .where((eb) => eb.or([eb('notice_ends_at', 'is', null), eb('notice_ends_at', '<=', f.awaiting!.now)]));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface NewListRow {
  countyCode: string;
  from: Date | null;
  to: Date | null;
  createdBy: string;
  /** Which subsidies are payable: those whose employment gate is open at this clock. */
  gate: GateClock;
}

/**
 * A draft list holding every subsidy of the county that arrived in [from, to) (open where null) and is payable
 * as of the gate clock (pending ones whose days without withdrawal have passed included), each marked listed;
 * answers the list with its count and total (a list of 0 items is for the caller to refuse, rolling the
 * transaction back).
 */
export async function insertDraftList(tx: Tx, l: NewListRow): Promise<SubsidyListRow> {
  const list = await tx
    .insertInto('subsidy_lists')
    // Made at the clock's time, like the rest of its flow (its notice, approval and payment).
    .values({
      county_code: l.countyCode,
      period_from: l.from,
      period_to: l.to,
      created_by: l.createdBy,
      created_at: l.gate.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const items = await sql<{ n: number; total: number }>`
      WITH picked AS (
        UPDATE subsidies s SET status = 'listed'
        WHERE s.county_code = ${l.countyCode} AND s.status IN ('payable', 'pending-employment')
          AND ${effectiveStatus(l.gate)} = 'payable'
          AND (${l.from}::timestamptz IS NULL OR s.arrived_at >= ${l.from}) AND (${l.to}::timestamptz IS NULL OR s.arrived_at < ${l.to})
        RETURNING s.id, s.amount_fen),
      ins AS (INSERT INTO subsidy_list_items (list_id, subsidy_id, amount_fen) SELECT ${list.id}, id, amount_fen FROM picked RETURNING amount_fen)
      SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS total FROM ins`.execute(tx);
  const { n, total } = items.rows[0];
  if (n === 0) return list;
  return tx
    .updateTable('subsidy_lists')
    .set({ item_count: n, total_fen: Number(total) })
    .where('id', '=', list.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateList(tx: Tx, id: string, change: FlowChange<SubsidyListsTable>): Promise<SubsidyListRow> {
  return tx.updateTable('subsidy_lists').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Sets the status of every subsidy on the list: `paid` when the list is paid, `payable` again when withdrawn. */
export async function setListSubsidies(tx: Tx, listId: string, status: 'payable' | 'paid'): Promise<void> {
  await tx
    .updateTable('subsidies')
    .set({ status })
    .where('id', 'in', tx.selectFrom('subsidy_list_items').select('subsidy_id').where('list_id', '=', listId))
    .execute();
}

/** Deletes a list (its items go with it). */
export async function deleteList(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('subsidy_lists').where('id', '=', id).execute();
}

/** The items of a list with their people (ID numbers masked), by name and subsidy id. */
export function findListItems(db: Database, listId: string) {
  return db
    .selectFrom('subsidy_list_items as i')
    .innerJoin('subsidies as s', 's.id', 'i.subsidy_id')
    .innerJoin('batch_workers as w', 'w.id', 's.worker_id')
    .select(['s.id', 'w.name', 'w.id_masked', 'w.village', 's.county_code', 'i.amount_fen', 's.arrived_at'])
    .where('i.list_id', '=', listId)
    .orderBy('w.name')
    .orderBy('s.id')
    .execute();
}
