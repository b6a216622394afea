import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { translateDbError } from './db-errors';
import type { Transaction } from 'kysely';
import type { DB } from './schema';

type Tx = Transaction<DB>;

/** A value of one COPY row: null is SQL NULL; objects are not accepted (pass JSON text). */
export type CopyValue = string | number | boolean | Date | null;

/** The connection of each transaction opened by inTransaction: a COPY must run on the transaction's own. */
const connections = new WeakMap<Tx, pg.PoolClient>();

export function bindConnection(tx: Tx, client: pg.PoolClient): void {
  connections.set(tx, client);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const ROWS_PER_CHUNK = 500;

/** One field in COPY's text format: backslash, tab, newline and carriage return escaped; \N for NULL. */
function field(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`cannot COPY the number ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : v;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function* lines(rows: Iterable<readonly CopyValue[]>, width: number): Generator<string> {
  let chunk = '',
    n = 0;
  for (const row of rows) {
    if (row.length !== width) throw new RangeError(`a COPY row has ${row.length} fields, expected ${width}`);
    chunk += row.map(field).join('\t') + '\n';
    if (++n === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

/**
 * Writes many rows into `table` by COPY on the transaction's connection: the rows are streamed as text, not built
 * into statements with a parameter per value, which is what made storing a million-worker plan slow. Constraints,
 * foreign keys and triggers apply as for INSERT; a violation rejects (translated like any statement's) and the
 * transaction rolls back. Returns the number of rows written.
 */
export async function copyRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const client = connections.get(tx);
  if (!client) throw new Error('copyRows needs a transaction opened by inTransaction');
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`bad identifier "${name}"`);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines(rows, columns.length)), stream).catch((e: unknown) =>
    Promise.reject(translateDbError(e)),
  );
  return stream.rowCount;
}
