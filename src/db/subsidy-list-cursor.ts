/**
 * The finance export's read: a subsidy list's rows through a server-side cursor in one read-only,
 * repeatable-read snapshot (see export/subsidy-export for the contract of the writers around it).
 */
import { sql, type Transaction } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data';
import { NotFoundError } from '../errors';
import type { Database } from './database';
import type { DB } from './schema';

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
}

export interface ListCursor {
  /**
   * The rows in fetches of at most fetchSize, in export order. One fetch is requested ahead while the
   * caller processes the current one (the server works while we write), so at most two are in memory.
   */
  batches(): AsyncGenerator<ListRow[]>;
  /** Row and county counts of the list, from the same snapshot as the cursor. */
  count(): Promise<{ rows: number; counties: number }>;
}

/** bigint columns are parsed to numbers by database.ts; accept a string too so this module does not depend on that. */
export function fen(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${String(v)} is not a safe integer of fen`);
  return n;
}

const CURSOR = 'subsidy_export_rows';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CursorOptions {
  /** Decrypts the ID and phone numbers stored at rest. */
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
  if (!Number.isSafeInteger(fetchSize) || fetchSize < 1)
    throw new RangeError(`fetchSize must be a positive integer, got ${fetchSize}`);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx: Transaction<DB>) => {
      const list = await trx.selectFrom('subsidy_lists').select('id').where('id', '=', listId).executeTakeFirst();
      if (!list) throw new NotFoundError(`subsidy list ${listId}`);
      // Every row is read: plan for total time, not for the first 10% (the cursor default).
      await sql`SET LOCAL cursor_tuple_fraction = 1.0`.execute(trx);
      await sql`
      DECLARE ${sql.id(CURSOR)} NO SCROLL CURSOR FOR
      SELECT s.county_code AS county_code, c.name AS county_name, w.name AS name, COALESCE(s.id_enc, w.id_enc) AS id_enc,
             w.phone_enc AS phone_enc, w.village AS village, t.key AS trip_key,
             to_char((s.arrived_at AT TIME ZONE 'UTC') + make_interval(mins => ${utcOffsetMin}), 'YYYY-MM-DD HH24:MI')
               AS arrived_local,
             s.cost_share_fen AS cost_share_fen, s.cap_fen AS cap_fen, i.amount_fen AS amount_fen
        FROM subsidy_list_items i
        JOIN subsidies s ON s.id = i.subsidy_id
        JOIN batch_workers w ON w.id = s.worker_id
        JOIN counties c ON c.code = s.county_code
        LEFT JOIN trips t ON t.id = s.trip_id
       WHERE i.list_id = ${listId}
       ORDER BY s.county_code, w.name, s.id`.execute(trx);
      const fetch = sql<ListRow>`FETCH FORWARD ${sql.raw(String(fetchSize))} FROM ${sql.id(CURSOR)}`;
      const next = async (): Promise<ListRow[]> => {
        const { rows } = await fetch.execute(trx);
        for (const r of rows) {
          r.id_number = cipher.decrypt(r.id_enc!);
          r.phone = cipher.decrypt(r.phone_enc!);
          r.cost_share_fen = fen(r.cost_share_fen);
          r.cap_fen = fen(r.cap_fen);
          r.amount_fen = fen(r.amount_fen);
        }
        return rows;
      };
      return fn({
        async *batches() {
          let pending = next();
          try {
            for (let rows = await pending; rows.length > 0; rows = await pending) {
              pending = next();
              yield rows;
            }
          } finally {
            pending.catch(() => undefined); // the caller stopped early: the transaction is rolled back anyway
          }
        },
        async count() {
          const { rows } = await sql<{ rows: number; counties: number }>`
          SELECT count(*)::int AS rows, count(DISTINCT s.county_code)::int AS counties
            FROM subsidy_list_items i JOIN subsidies s ON s.id = i.subsidy_id
           WHERE i.list_id = ${listId}`.execute(trx);
          return rows[0];
        },
      });
    });
}
