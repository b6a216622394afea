/**
 * Helpers for fault tests: private Redis and PostgreSQL instances that a test may stop, kill and restart
 * without disturbing anyone else, and the real service started as separate OS processes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import pg from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import type { WorkerRowInput } from '../../src/domain/batch/worker-row';
import { makeIdNumber } from '../../src/domain/identity/id-number';
import type { Role } from '../../src/db/schema';
import { createDatabase, ensureDatabase, migrate, type Database } from '../../src/db/database';
import { upsertPlaces } from '../../src/db/reference-repo';
import { loadPlaces } from '../../src/reference/load-fixtures';
import placesJson from '../../fixtures/places.json';

export const ROOT = path.resolve(__dirname, '../..');

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

/** Thrown from a poll's probe to stop waiting at once (e.g. the batch failed). */
export class Fatal extends Error {}

/** Calls `probe` until it returns something truthy; other errors are retried, a `Fatal` ends the wait. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      if (e instanceof Fatal) throw e;
      lastError = e;
    }
    if (Date.now() > until)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
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

/** Creates, migrates and loads the sample gazetteer into a database on any server. */
export async function prepareDatabase(url: string): Promise<Database> {
  await ensureDatabase(url);
  const db = createDatabase(url, 4);
  await migrate(db);
  await upsertPlaces(db, loadPlaces());
  return db;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

export const newKey = async (db: Database, role: Role, scopes: string[] = []): Promise<string> =>
  (await createApiKey(db, role, scopes)).key;

// ---------------------------------------------------------------- service processes

export interface ServiceProcess {
  proc: ChildProcess;
  pid: number;
  /** The API's port (API processes only). */
  port: number;
  base: string;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  /** Raw stderr so far (start-up failures). */
  stderr(): string;
  waitForLog(
    what: string,
    pred: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(sig: NodeJS.Signals): void;
  /** SIGKILL if still running; waits for the exit. */
  kill(): Promise<void>;
  /** Stops reading log lines (they are drained unparsed), so a benchmark does not pay for them. */
  quiet(): void;
  /**
   * For an API process: resolves once every line it logged before the call has been read. Lines leave a
   * process in blocks (within 100 ms), in order, so a marked request is sent and its own line awaited.
   */
  logsRead(): Promise<void>;
}

/**
 * Starts `src/main.ts` (API + worker, or `--api`) or `workers/planning-worker.ts` as a separate Node process
 * (TypeScript through `node --import tsx`, so the child is one process and signals reach it directly) and
 * waits until it is listening / consuming. `nodeArgs` go to node before the script (e.g. `--cpu-prof`).
 */
export async function spawnService(
  kind: 'api' | 'worker' | 'both',
  env: Record<string, string>,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<ServiceProcess> {
  const entry = kind === 'worker' ? 'workers/planning-worker.ts' : 'src/main.ts';
  const args = [...nodeArgs, '--import', 'tsx', entry, ...(kind === 'api' ? ['--api'] : [])];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      REQUEUE_INTERVAL_MS: '500',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] =
    [];
  let buf = '';
  let err = '';
  const onStdout = (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(line);
      } catch {
        continue;
      }
      logs.push(obj);
      for (const w of [...waiters])
        if (w.pred(obj)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(obj);
        }
    }
  };
  proc.stdout!.setEncoding('utf8').on('data', onStdout);
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-20_000)));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const waitForLog = (what: string, pred: (l: Record<string, unknown>) => boolean, ms = timeoutMs) => {
    const seen = logs.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for log "${what}" from ${entry}; stderr: ${err.slice(-2000)}`)),
        ms,
      );
      const w = { pred, resolve: (l: Record<string, unknown>) => (clearTimeout(timer), resolve(l)) };
      waiters.push(w);
      void exited.then(({ code, signal }) => {
        if (waiters.includes(w)) {
          clearTimeout(timer);
          reject(new Error(`${entry} exited (${code ?? signal}) before "${what}"; stderr: ${err.slice(-2000)}`));
        }
      });
    });
  };
  const ready = kind === 'worker' ? 'planning worker started' : 'API listening';
  const line = await waitForLog(ready, (l) => l.msg === ready).catch(async (e) => {
    if (!done) proc.kill('SIGKILL');
    throw e;
  });
  if (kind === 'both') await waitForLog('planning worker started', (l) => l.msg === 'planning worker started');
  const port = Number(line.port ?? 0);
  return {
    proc,
    pid: proc.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    logs,
    waitForLog,
    exited,
    stderr: () => err,
    signal: (sig) => void (done || proc.kill(sig)),
    async kill() {
      if (!done) proc.kill('SIGKILL');
      await exited;
    },
    quiet() {
      proc.stdout!.off('data', onStdout).resume();
    },
    async logsRead() {
      const marker = `logs-read-${Math.random().toString(36).slice(2)}`;
      await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'x-request-id': marker } });
      await waitForLog('the marked request', (l) => l.reqId === marker, 5000);
    },
  };
}

// ---------------------------------------------------------------- synthetic batches

const VILLAGES = placesJson.villages;
const FACTORIES = placesJson.factories;

/**
 * `n` valid, distinct workers spread over every sample village and factory. `offset` keeps the ID numbers
 * of different batches apart (worker i is unique for every i < 365,000); `counties` restricts the villages.
 */
export function syntheticRows(n: number, opts: { offset?: number; counties?: string[] } = {}): WorkerRowInput[] {
  const villages = opts.counties ? VILLAGES.filter((v) => opts.counties!.includes(v.countyCode)) : VILLAGES;
  if (!villages.length) throw new Error(`no sample village in ${opts.counties?.join(', ')}`);
  const out: WorkerRowInput[] = [];
  for (let k = 0; k < n; k++) {
    const i = k + (opts.offset ?? 0);
    const v = villages[i % villages.length];
    const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 1000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    out.push({
      name: `工人${i}`,
      idNumber: makeIdNumber(v.countyCode, birth, i),
      phone: `139${String(10_000_000 + (i % 90_000_000)).slice(-8)}`,
      countyCode: v.countyCode,
      village: v.name,
      lon: Math.round((v.lon + (i % 7) * 0.002) * 1e6) / 1e6,
      lat: v.lat,
      factoryId: FACTORIES[(i * 7) % FACTORIES.length].id,
      healthCode: 'green',
      registeredPoor: i % 3 === 0,
      earliestDeparture: `2020-03-0${2 + (i % 3)}T06:00:00+08:00`,
    });
  }
  return out;
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
