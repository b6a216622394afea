/**
 * The operator statement's export read: its vehicles through a server-side cursor in one read-only,
 * repeatable-read snapshot (db/export-cursor), grouped by operator.
 */
import { sql } from 'kysely';
import { NotFoundError } from '../errors';
import type { Database } from './database';
import { fen, UUID, withExportCursor, type ExportCursor, type ExportQuery } from './export-cursor';

export interface StatementExportRow {
  operator: string;
  trip_key: string;
  leg_seq: number;
  mode: string;
  leg_kind: string;
  vehicle_type_id: string;
  route: string;
  /** depart_at as local time at the planner's fixed UTC offset, formatted by PostgreSQL. */
  depart_local: string;
  distance_m: number;
  passengers: number;
  leg_cost_fen: number;
  government_percent: number;
  amount_fen: number;
}

/** Runs `fn` with a cursor over the statement's vehicles (NotFoundError before calling it when there is none). */
export async function withStatementCursor<T>(
  db: Database,
  statementId: string,
  { fetchSize, utcOffsetMin }: { fetchSize: number; utcOffsetMin: number },
  fn: (cursor: ExportCursor<StatementExportRow>) => Promise<T>,
): Promise<T> {
  if (!UUID.test(statementId)) throw new NotFoundError(`operator statement ${statementId}`);
  const query: ExportQuery<StatementExportRow> = {
    what: `operator statement ${statementId}`,
    exists: async (trx) =>
      !!(await trx.selectFrom('operator_statements').select('id').where('id', '=', statementId).executeTakeFirst()),
    rows: sql<StatementExportRow>`
      SELECT operator, trip_key, leg_seq, mode, leg_kind, vehicle_type_id, route,
             to_char((depart_at AT TIME ZONE 'UTC') + make_interval(mins => ${utcOffsetMin}), 'YYYY-MM-DD HH24:MI')
               AS depart_local,
             distance_m, passengers, leg_cost_fen, government_percent, amount_fen
        FROM operator_statement_items
       WHERE statement_id = ${statementId}
       ORDER BY operator, depart_at, trip_key, leg_seq`,
    count: sql<{ rows: number; groups: number }>`
      SELECT count(*)::int AS rows, count(DISTINCT operator)::int AS groups
        FROM operator_statement_items WHERE statement_id = ${statementId}`,
    prepare: (r) => {
      r.leg_cost_fen = fen(r.leg_cost_fen);
      r.amount_fen = fen(r.amount_fen);
    },
  };
  return withExportCursor(db, query, fetchSize, fn);
}
