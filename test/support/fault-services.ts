/**
 * Helpers for fault tests: private Redis and PostgreSQL instances that a test may stop, kill and restart
 * without disturbing anyone else, and the real service started as separate OS processes (those helpers,
 * shared with the benchmarks, live in scripts/support/).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import pg from 'pg';
import type { Database } from '../../src/db/database';
import { poll } from '../../scripts/support/poll';

export { Fatal, poll } from '../../scripts/support/poll';
export { ROOT, spawnService, type ServiceProcess } from '../../scripts/support/service-process';
export { dropDatabase, newKey, prepareDatabase } from '../../scripts/support/bench-database';
export { syntheticRows } from '../../scripts/support/synthetic-rows';

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

// ---------------------------------------------------------------- Redis

export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SHUTDOWN (saving to the append-only file when `persist`). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** A redis-server of our own on a free port; `persist` keeps data over restarts (append-only file, fsync always). */
export async function startPrivateRedis(opts: { persist?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'p2p-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'yes',
    '--pidfile',
    path.join(dir, 'redis.pid'),
    '--logfile',
    path.join(dir, 'redis.log'),
    ...(opts.persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const r = new IORedis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 500,
    });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  };
  const me: PrivateRedis = {
    url,
    port,
    async start() {
      execFileSync('redis-server', args, { stdio: 'ignore' });
      await poll(`redis on ${port}`, ping, 10_000);
    },
    async stop() {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'shutdown', ...(opts.persist ? [] : ['nosave'])], {
          stdio: 'ignore',
        });
      } catch {
        // the connection drops as the server exits
      }
      await poll(`redis on ${port} to stop`, async () => !(await portOpen(port)), 10_000);
    },
    async destroy() {
      if (await portOpen(port)) await me.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await me.start();
  return me;
}

// ---------------------------------------------------------------- PostgreSQL

export interface PrivatePostgres {
  port: number;
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  adminUrl: string;
  urlFor(db: string): string;
  start(): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
  /** Whether the server accepts connections on its port. */
  running(): Promise<boolean>;
  destroy(): Promise<void>;
}

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = path.join(base, v, 'bin', name);
    if (existsSync(p)) return p;
  }
  return name; // on PATH
}

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb and postgres refuse root). */
function asPostgres(bin: string, args: string[]): void {
  if (process.getuid?.() === 0) {
    const quoted = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'ignore' });
  } else {
    execFileSync(bin, args, { stdio: 'ignore' });
  }
}

/** A throwaway PostgreSQL cluster (initdb in a temp dir, trust auth, fsync off) on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'p2p-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres(pgBin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const ready = async () => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  const me: PrivatePostgres = {
    port,
    adminUrl,
    urlFor: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    async start() {
      asPostgres(pgBin('pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'pg.log'), '-w', '-t', '60', 'start']);
      await poll(`postgres on ${port}`, ready, 30_000);
    },
    async stop(mode = 'fast') {
      asPostgres(pgBin('pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      await poll(`postgres on ${port} to stop`, async () => !(await portOpen(port)), 30_000);
    },
    async restart() {
      await me.stop();
      await me.start();
    },
    running: () => portOpen(port),
    async destroy() {
      try {
        asPostgres(pgBin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await me.start();
  return me;
}

/** The rules a stored plan must keep after any fault: each worker seated at most once, counts consistent. */
export async function storedPlanViolations(db: Database, batchId: string): Promise<string[]> {
  const v: string[] = [];
  const batch = await db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  const trips = await db
    .selectFrom('trips')
    .select(['id', 'key', 'capacity', 'seats_used'])
    .where('batch_id', '=', batchId)
    .execute();
  const seats = await db
    .selectFrom('trip_passengers')
    .select(['worker_id', 'trip_id'])
    .where('batch_id', '=', batchId)
    .execute();
  const workers = await db
    .selectFrom('batch_workers')
    .select(['id', 'status'])
    .where('batch_id', '=', batchId)
    .execute();
  if (batch.trip_count !== trips.length) v.push(`batch says ${batch.trip_count} trips, ${trips.length} stored`);
  if (new Set(trips.map((t) => t.key)).size !== trips.length) v.push('a trip key appears twice (two sets of trips)');
  const seen = new Map<string, number>();
  for (const s of seats) seen.set(s.worker_id, (seen.get(s.worker_id) ?? 0) + 1);
  for (const [w, n] of seen) if (n > 1) v.push(`worker ${w} seated ${n} times`);
  const perTrip = new Map<string, number>();
  for (const s of seats) perTrip.set(s.trip_id, (perTrip.get(s.trip_id) ?? 0) + 1);
  for (const t of trips) {
    const n = perTrip.get(t.id) ?? 0;
    if (n !== t.seats_used) v.push(`trip ${t.key}: seats_used ${t.seats_used} but ${n} passengers`);
    if (n > t.capacity) v.push(`trip ${t.key}: ${n} passengers over capacity ${t.capacity}`);
  }
  const held = workers.filter((w) => w.status === 'held').length;
  if (batch.worker_count !== workers.length)
    v.push(`batch says ${batch.worker_count} workers, ${workers.length} stored`);
  if (batch.held_count !== held) v.push(`batch says ${batch.held_count} held, ${held} held`);
  if (seen.size + held !== workers.length) v.push(`${seen.size} seated + ${held} held ≠ ${workers.length} workers`);
  return v;
}
