import { Kysely, Migrator, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { DB } from './schema';

// bigint (money in fen) as a JS number: totals stay far below 2^53 fen (90 trillion yuan).
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} exceeds the safe integer range`);
  return n;
});

export type Database = Kysely<DB>;

const pools = new WeakMap<Database, pg.Pool>();

export function createDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (PostgreSQL restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * Runs a hot statement as a named prepared statement: each pooled connection has PostgreSQL parse and
 * plan it once, where planning the joins and CTEs of a short statement costs more than running it.
 * Only for statements whose text is fixed (arrays as single parameters), or every variant would be kept.
 */
export async function queryPrepared<R>(db: Database, name: string, query: CompiledQuery<R>): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) throw new Error('queryPrepared needs a database made by createDatabase');
  return (await pool.query({ name, text: query.sql, values: [...query.parameters] })).rows as R[];
}

/** Creates the database named in `url` when it does not exist yet (connecting to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits, _ or -`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

export async function migrate(db: Database): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
