/**
 * The finance export's read of a subsidy list: its rows through a server-side cursor in one read-only,
 * repeatable-read snapshot (db/export-cursor; see export/subsidy-export for the contract of the writers).
 */
import { sql } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { NotFoundError } from '../errors';
import type { Database } from './database';
import { fen, UUID, withExportCursor, type ExportCursor, type ExportQuery } from './export-cursor';

export { fen };

export interface ListRow {
  county_code: string;
  county_name: string;
  name: string;
  id_enc?: string;
  phone_enc?: string;
  /** Decrypted from id_enc / phone_enc as the rows are fetched. */
  id_number: string;
  phone: string;
  village: string;
  trip_key: string | null;
  /**
   * arrived_at as local time at the planner's fixed UTC offset, formatted by PostgreSQL: no dependency on the
   * process or server time zone.
   */
  arrived_local: string;
  cost_share_fen: number;
  cap_fen: number;
  amount_fen: number;
  /** The worker's payee account, if any (the number decrypted from account_enc as the rows are fetched). */
  account_type: 'bank-card' | 'benefit-card' | null;
  account_enc?: string | null;
  account_number: string;
  account_holder: string | null;
  bank_name: string | null;
}

/** The rows of a list, grouped by county (`groups` counts its counties). */
export type ListCursor = ExportCursor<ListRow>;

export interface CursorOptions {
  /** Decrypts the ID, phone and account numbers stored at rest. */
  cipher: PersonalDataCipher;
  /** Rows per FETCH. */
  fetchSize: number;
  /** The local time of `arrived_local` (the planner's `utcOffsetMin`). */
  utcOffsetMin: number;
}

/**
 * Runs `fn` with a server-side cursor over the list's rows, inside a read-only repeatable-read
 * transaction (one pooled connection, released when `fn` settles). Throws NotFoundError before
 * calling `fn` when the list does not exist.
 */
export async function withListCursor<T>(
  db: Database,
  listId: string,
  { cipher, fetchSize, utcOffsetMin }: CursorOptions,
  fn: (cursor: ListCursor) => Promise<T>,
): Promise<T> {
  if (!UUID.test(listId)) throw new NotFoundError(`subsidy list ${listId}`);
  const query: ExportQuery<ListRow> = {
    what: `subsidy list ${listId}`,
    exists: async (trx) =>
      !!(await trx.selectFrom('subsidy_lists').select('id').where('id', '=', listId).executeTakeFirst()),
    rows: sql<ListRow>`
    SELECT s.county_code AS county_code, c.name AS county_name, w.name AS name, COALESCE(s.id_enc, w.id_enc) AS id_enc,
           w.phone_enc AS phone_enc, w.village AS village, t.key AS trip_key,
           to_char((s.arrived_at AT TIME ZONE 'UTC') + make_interval(mins => ${utcOffsetMin}), 'YYYY-MM-DD HH24:MI')
             AS arrived_local,
           s.cost_share_fen AS cost_share_fen, s.cap_fen AS cap_fen, i.amount_fen AS amount_fen,
           w.account_type AS account_type, w.account_enc AS account_enc, w.account_holder AS account_holder,
           w.bank_name AS bank_name
      FROM subsidy_list_items i
      JOIN subsidies s ON s.id = i.subsidy_id
      JOIN batch_workers w ON w.id = s.worker_id
      JOIN counties c ON c.code = s.county_code
      LEFT JOIN trips t ON t.id = s.trip_id
     WHERE i.list_id = ${listId}
     ORDER BY s.county_code, w.name, s.id`,
    count: sql<{ rows: number; groups: number }>`
      SELECT count(*)::int AS rows, count(DISTINCT s.county_code)::int AS groups
        FROM subsidy_list_items i JOIN subsidies s ON s.id = i.subsidy_id
       WHERE i.list_id = ${listId}`,
    prepare: (r) => {
      r.id_number = cipher.decrypt(r.id_enc!);
      r.phone = cipher.decrypt(r.phone_enc!);
      r.account_number = r.account_enc ? cipher.decrypt(r.account_enc) : '';
      r.cost_share_fen = fen(r.cost_share_fen);
      r.cap_fen = fen(r.cap_fen);
      r.amount_fen = fen(r.amount_fen);
    },
  };
  return withExportCursor(db, query, fetchSize, fn);
}
