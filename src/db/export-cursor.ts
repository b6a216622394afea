/**
 * The finance exports' read: a server-side cursor over one list's rows in one read-only, repeatable-read
 * snapshot (see export/subsidy-export for the contract of the writers around it). Shared by the subsidy list
 * and the operator statement; each brings its own query.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { NotFoundError } from '../errors';
import type { Database } from './database';
import type { DB } from './schema';

export interface ExportCursor<R> {
  /**
   * The rows in fetches of at most fetchSize, in export order. One fetch is requested ahead while the
   * caller processes the current one (the server works while we write), so at most two are in memory.
   */
  batches(): AsyncGenerator<R[]>;
  /** Row and group (county, operator) counts of the list, from the same snapshot as the cursor. */
  count(): Promise<{ rows: number; groups: number }>;
}

/** What one export reads: the list (to tell a missing one), its rows in export order, their counts. */
export interface ExportQuery<R> {
  /** The list as named in errors, e.g. `subsidy list <id>`. */
  what: string;
  /** Whether the list exists (inside the snapshot). */
  exists: (trx: Transaction<DB>) => Promise<boolean>;
  /** The rows, in export order (grouped: the totals rows follow each group's last row). */
  rows: RawBuilder<R>;
  /** `rows` and `groups` of the same rows. */
  count: RawBuilder<{ rows: number; groups: number }>;
  /** Finishes a fetched row in place (decrypts, checks money). */
  prepare: (r: R) => void;
}

/** bigint columns are parsed to numbers by database.ts; accept a string too so this module does not depend on that. */
export function fen(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${String(v)} is not a safe integer of fen`);
  return n;
}

const CURSOR = 'finance_export_rows';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` with a server-side cursor over the query's rows, inside a read-only repeatable-read
 * transaction (one pooled connection, released when `fn` settles). Throws NotFoundError before
 * calling `fn` when the list does not exist.
 */
export async function withExportCursor<R, T>(
  db: Database,
  q: ExportQuery<R>,
  fetchSize: number,
  fn: (cursor: ExportCursor<R>) => Promise<T>,
): Promise<T> {
  if (!Number.isSafeInteger(fetchSize) || fetchSize < 1)
    throw new RangeError(`fetchSize must be a positive integer, got ${fetchSize}`);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx: Transaction<DB>) => {
      if (!(await q.exists(trx))) throw new NotFoundError(q.what);
      // Every row is read: plan for total time, not for the first 10% (the cursor default).
      await sql`SET LOCAL cursor_tuple_fraction = 1.0`.execute(trx);
      await sql`DECLARE ${sql.id(CURSOR)} NO SCROLL CURSOR FOR ${q.rows}`.execute(trx);
      const fetch = sql<R>`FETCH FORWARD ${sql.raw(String(fetchSize))} FROM ${sql.id(CURSOR)}`;
      const next = async (): Promise<R[]> => {
        const { rows } = await fetch.execute(trx);
        rows.forEach(q.prepare);
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
          const { rows } = await q.count.execute(trx);
          return rows[0];
        },
      });
    });
}
