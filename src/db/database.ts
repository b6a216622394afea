import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { translateDbError, translateErrorsOf } from './db-errors';
import { migrationProvider } from './migrations';
import type { DB } from './schema';

// bigint (money in fen) as a JS number: totals stay far below 2^53 fen (90 trillion yuan).
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} exceeds the safe integer range`);
  return n;
});

export type Database = Kysely<DB>;

/** Connections for fixed statements (queryPrepared), beside the query builder's. */
const PREPARED_POOL_SIZE = 4;

/**
 * Settings of the fixed-statement connections. They plan each prepared statement generically, once:
 * PostgreSQL would otherwise re-plan a statement with array parameters at every call (it estimates a
 * custom plan cheaper), and planning the joins and CTEs of a short statement costs more than running it.
 * A connection keeps its plan for life, and it may have made it while the tables were empty (a new
 * deployment, a morning before the first arrival): without sequential scans, the plan looks rows up by
 * index and never scans a table that then grows (fixed statements are key look-ups, so that is their
 * best plan at any size).
 */
export const FIXED_STATEMENT_SETTINGS = '-c plan_cache_mode=force_generic_plan -c enable_seqscan=off';

/**
 * The query builder's pool, which also opens (at the first fixed statement) and closes a small pool of
 * its own for fixed statements (see FIXED_STATEMENT_SETTINGS). The query builder's own statements keep
 * custom plans, which can use the values (partial indexes, skewed columns).
 */
class DatabasePool extends pg.Pool {
  private fixed?: pg.Pool;

  constructor(private readonly config: pg.PoolConfig) {
    super(config);
  }

  forFixedStatements(): pg.Pool {
    if (!this.fixed) {
      this.fixed = new pg.Pool({ ...this.config, max: PREPARED_POOL_SIZE, options: FIXED_STATEMENT_SETTINGS });
      this.fixed.on('error', () => undefined);
      translateErrorsOf(this.fixed);
    }
    return this.fixed;
  }

  override async end(): Promise<void> {
    await Promise.all([super.end(), this.fixed?.end()]);
  }
}

const pools = new WeakMap<Database, DatabasePool>();

/** A role name that needs no quoting (start-up options and messages carry it as is). */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool on `url`. `role`: every connection runs as that role (`SET ROLE` at connection start), for a
 * superuser running migrations as the role that owns the tables.
 */
export function createDatabase(url: string, max = 10, opts: { role?: string } = {}): Database {
  if (opts.role !== undefined && !ROLE_NAME.test(opts.role)) throw new Error(`bad role name "${opts.role}"`);
  const pool = new DatabasePool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    ...(opts.role ? { options: `-c role=${opts.role}` } : {}),
  });
  // An idle client losing its server (PostgreSQL restart) must not crash the process.
  pool.on('error', () => undefined);
  translateErrorsOf(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The pool behind a database made by createDatabase. */
export function poolOf(db: Database): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('the database was not made by createDatabase');
  return pool;
}

/**
 * Runs a hot statement as a named prepared statement on the fixed-statement connections: each parses
 * and plans it once, and the text is a constant (arrays as single parameters), so no query builder runs
 * per call either. Only for fixed texts: each distinct name is kept by every connection.
 */
export async function queryPrepared<R>(db: Database, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) throw new Error('queryPrepared needs a database made by createDatabase');
  // Pool.query checks out and queries through callbacks, past translateErrorsOf: translate here.
  const result = await pool
    .forFixedStatements()
    .query({ name, text, values })
    .catch((e: unknown) => Promise.reject(translateDbError(e)));
  return result.rows as R[];
}

/** The database a URL names (letters, digits, _ or -, so it needs no quoting beyond double quotes). */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits, _ or -`);
  return name;
}

/** The same server and credentials as `url`, on the `postgres` maintenance database. */
export function maintenanceUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

/**
 * Creates the database named in `url` when it does not exist yet (on `client`, connected to the `postgres`
 * database, or on a connection of its own), owned by `owner` when given.
 */
export async function ensureDatabase(url: string, opts: { client?: pg.Client; owner?: string } = {}): Promise<void> {
  const name = databaseName(url);
  if (opts.owner !== undefined && !ROLE_NAME.test(opts.owner)) throw new Error(`bad role name "${opts.owner}"`);
  const client = opts.client ?? new pg.Client({ connectionString: maintenanceUrl(url) });
  if (!opts.client) await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const owner = opts.owner ? ` OWNER ${opts.owner}` : '';
      await client.query(`CREATE DATABASE "${name}"${owner}`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created concurrently by another process
      });
    }
  } finally {
    if (!opts.client) await client.end();
  }
}

/** Runs the pending migrations; answers the names of those it ran. */
export async function migrate(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  return (results ?? []).map((r) => r.migrationName);
}

/** The migrations not yet run on the database (read-only: the app's role may call it). */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  return migrations.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Readiness: PostgreSQL answers a trivial query. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
