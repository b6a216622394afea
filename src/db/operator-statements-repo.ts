import { sql, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Scope } from '../auth/policy';
import { parseStored, StoredLegsSchema } from '../contracts/stored-plan';
import type { PlanLeg } from '../domain/planning/plan-schema';
import type { Database } from './database';
import type { FlowChange } from './flow-change';
import { inList } from './in-list';
import type { OperatorStatementItemsTable, OperatorStatementsTable } from './schema';
import type { Tx } from './unit-of-work';

export type StatementRow = Selectable<OperatorStatementsTable>;
export type StatementItemRow = Selectable<OperatorStatementItemsTable>;
export type NewStatementItem = Omit<Insertable<OperatorStatementItemsTable>, 'statement_id'>;
type Reader = Database | Tx;

export function findStatement(db: Reader, id: string): Promise<StatementRow | undefined> {
  return db.selectFrom('operator_statements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The statement, locked until the transaction ends, so two transitions of one statement run one after the other. */
export function lockStatement(tx: Tx, id: string): Promise<StatementRow | undefined> {
  return tx.selectFrom('operator_statements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Statements of the counties in scope (null: all), newest first. */
export function findStatements(db: Database, counties: Scope): Promise<StatementRow[]> {
  let q = db.selectFrom('operator_statements').selectAll().orderBy('created_at', 'desc');
  if (counties) q = q.where((eb) => inList(eb, 'county_code', counties));
  return q.execute();
}

/** A departed trip whose vehicles may be settled, with its legs (the stored JSON, parsed). */
export interface SettleableTrip {
  id: string;
  key: string;
  depart_at: Date;
  legs: PlanLeg[];
}

/**
 * The county's trips that departed in [from, to) (open where null) and by `departedBy`, with at least one leg
 * not yet on any statement, in departure order.
 */
export async function findSettleableTrips(
  tx: Tx,
  f: { countyCode: string; from: Date | null; to: Date | null; departedBy: Date },
): Promise<SettleableTrip[]> {
  let q = tx
    .selectFrom('trips as t')
    .select(['t.id', 't.key', 't.depart_at', 't.legs'])
    .where('t.county_code', '=', f.countyCode)
    .where('t.depart_at', '<=', f.departedBy)
    .where(
      sql<SqlBool>`(SELECT count(*) FROM operator_statement_items i WHERE i.trip_id = t.id) < jsonb_array_length(t.legs)`,
    )
    .orderBy('t.depart_at')
    .orderBy('t.key');
  if (f.from) q = q.where('t.depart_at', '>=', f.from);
  if (f.to) q = q.where('t.depart_at', '<', f.to);
  const rows = await q.execute();
  return rows.map((t) => ({ ...t, legs: parseStored(StoredLegsSchema, t.legs, `legs of trip ${t.id}`) }));
}

/**
 * A draft statement holding the items given, each vehicle (trip leg) at most once across all statements: an
 * item already on another statement (a concurrent maker's) is left out. Answers the statement with its count
 * and total (0 items is for the caller to refuse, rolling the transaction back).
 */
export async function insertDraftStatement(
  tx: Tx,
  s: { countyCode: string; from: Date | null; to: Date | null; createdBy: string; createdAt: Date },
  items: readonly NewStatementItem[],
): Promise<StatementRow> {
  const statement = await tx
    .insertInto('operator_statements')
    .values({
      county_code: s.countyCode,
      period_from: s.from,
      period_to: s.to,
      created_by: s.createdBy,
      created_at: s.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let n = 0,
    total = 0;
  for (let i = 0; i < items.length; i += 1000) {
    const added = await tx
      .insertInto('operator_statement_items')
      .values(items.slice(i, i + 1000).map((x) => ({ ...x, statement_id: statement.id })))
      .onConflict((oc) => oc.columns(['trip_id', 'leg_seq']).doNothing())
      .returning('amount_fen')
      .execute();
    n += added.length;
    total += added.reduce((sum, x) => sum + x.amount_fen, 0);
  }
  if (n === 0) return statement;
  return tx
    .updateTable('operator_statements')
    .set({ item_count: n, total_fen: total })
    .where('id', '=', statement.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateStatement(
  tx: Tx,
  id: string,
  change: FlowChange<OperatorStatementsTable>,
): Promise<StatementRow> {
  return tx
    .updateTable('operator_statements')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes a statement (its items go with it, so its vehicles may go on another). */
export async function deleteStatement(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('operator_statements').where('id', '=', id).execute();
}

/** The items of a statement in export order: by operator, departure, trip and leg. */
export function findStatementItems(db: Database, id: string): Promise<StatementItemRow[]> {
  return db
    .selectFrom('operator_statement_items')
    .selectAll()
    .where('statement_id', '=', id)
    .orderBy('operator')
    .orderBy('depart_at')
    .orderBy('trip_key')
    .orderBy('leg_seq')
    .execute();
}
