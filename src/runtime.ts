import type { Server } from 'node:http';
import type { Worker } from 'bullmq';
import { createApp } from './api/app';
import { listen } from './api/http-server';
import { systemClock, type Clock } from './clock';
import { createApiKey } from './auth/api-keys';
import { loadConfig, type AppConfig } from './config/env';
import { createDatabase, type Database } from './db/database';
import { checkAppConnection, setUpDatabase } from './db/database-setup';
import { countCounties, hasPlaces, readPlaces, upsertPlaces } from './db/reference-repo';
import { loadNationalGazetteer, nationalPlaces } from './reference/national-gazetteer';
import { protectLegacyRows } from './db/protect-legacy-rows';
import { createCipher, DEVELOPMENT_DATA_KEY, type PersonalDataCipher } from './crypto/personal-data';
import { createAccessLogger, createLogger, type Logger } from './logger';
import {
  createPlanningQueue,
  failFastWhenDisconnected,
  producerConnection,
  runnerConnection,
} from './queue/planning-queue';
import { startPlanningRunner } from './queue/planning-runner';
import { loadPlaces, loadPolicies } from './reference/load-fixtures';
import { referenceCache } from './reference/reference-cache';
import { startRequeueLoop } from './services/requeue';
import { startWorkerHealthServer } from './observability/worker-health';
import { greatCircleProvider } from './domain/geo/distance';
import { osrmDistance } from './geo/osrm-distance';
import { createPlanning, type DistanceSource } from './services/planning/planning';

export interface Runtime {
  config: AppConfig;
  db: Database;
  log: Logger;
  clock: Clock;
  server?: Server;
  /** The planning queue's consumer (a BullMQ Worker), when this process plans. */
  runner?: Worker;
  port?: number;
  /** Port of a runner-only process's health and metrics server. */
  healthPort?: number;
  stop(): Promise<void>;
}

/** The key for personal data at rest: DATA_KEY, or outside production a fixed development key. */
export const cipherFor = (config: AppConfig): PersonalDataCipher =>
  createCipher(config.DATA_KEY ? Buffer.from(config.DATA_KEY, 'base64') : DEVELOPMENT_DATA_KEY);

/**
 * Connects to PostgreSQL as the app's role (DATABASE_URL). With DATABASE_OWNER_URL the owner's step runs
 * first: roles, database, migrations as the owner role, the app's grants (src/db/database-setup.ts). The
 * app's connection must then own nothing and hold no role attribute (a start-up error in production, a
 * warning elsewhere), and no migration may be pending. Rows stored before encryption are encrypted.
 */
export async function openDatabase(config: AppConfig, log: Logger): Promise<Database> {
  if (config.DATABASE_OWNER_URL) {
    const done = await setUpDatabase({
      ownerUrl: config.DATABASE_OWNER_URL,
      appUrl: config.DATABASE_URL,
      ownerRole: config.DATABASE_OWNER_ROLE,
    });
    const changed = done.created.length || done.adopted || done.migrated.length;
    log[changed ? 'info' : 'debug'](done, 'database set up: migrated as the owner role, app role granted');
  }
  const db = createDatabase(config.DATABASE_URL, config.DB_POOL_SIZE);
  try {
    await checkAppConnection(
      db,
      {
        url: config.DATABASE_URL,
        production: config.NODE_ENV === 'production',
        ownerStep: !!config.DATABASE_OWNER_URL,
      },
      log,
    );
    const converted = await protectLegacyRows(db, cipherFor(config));
    if (converted) log.info({ rows: converted }, 'encrypted personal data of rows stored before encryption');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return db;
}

/** Loads the sample gazetteer into an empty database; in development also issues fresh demo keys, one per role. */
/**
 * A fresh install knows every county-level division, its seat, the airports and a station per prefecture
 * (fixtures/reference); a database that holds fewer counties gets them (upserted, so corrections made since
 * to counties and hubs of the national data are overwritten only where the national file names them).
 */
async function loadNationalIfMissing(db: Database, config: AppConfig, log: Logger): Promise<void> {
  const national = loadNationalGazetteer(config.FIXTURES_DIR);
  if ((await countCounties(db)) >= national.counties.length) return;
  const { places, aliases } = nationalPlaces(national, (await readPlaces(db)).hubs);
  await upsertPlaces(db, { ...places, aliases });
  log.info({ counties: places.counties.length, hubs: places.hubs.length }, 'loaded the national gazetteer');
}

export async function seed(
  db: Database,
  config: AppConfig,
  log: Logger,
  withKeys: boolean,
  clock: Clock = systemClock,
): Promise<void> {
  if (!(await hasPlaces(db))) {
    const places = loadPlaces(config.FIXTURES_DIR);
    await upsertPlaces(db, places);
    log.info({ counties: places.counties.length, factories: places.factories.length }, 'loaded sample reference data');
  }
  await loadNationalIfMissing(db, config, log);
  if (withKeys && config.NODE_ENV === 'development') await printDemoKeys(db, clock);
}

/**
 * Keys are stored hashed and cannot be shown again, so each development start revokes the old demo keys and prints new
 * ones.
 */
async function printDemoKeys(db: Database, clock: Clock): Promise<void> {
  const [counties, factories] = await Promise.all([
    db.selectFrom('counties').select('code').execute(),
    db.selectFrom('factories').select('id').execute(),
  ]);
  await db
    .updateTable('api_keys')
    .set({ revoked_at: clock.now() })
    .where('label', 'like', 'demo %')
    .where('revoked_at', 'is', null)
    .execute();
  const roles = [
    ['dispatcher', counties.map((c) => c.code)],
    ['enterprise', factories.map((f) => f.id)],
    ['finance', counties.map((c) => c.code)],
    ['admin', []],
  ] as const;
  const lines: string[] = [];
  for (const [role, scopes] of roles)
    lines.push(`  ${role.padEnd(10)} ${(await createApiKey(db, role, [...scopes], `demo ${role}`)).key}`);
  process.stdout.write(`\nDemo API keys (development only; new ones at every start):\n${lines.join('\n')}\n\n`);
}

export async function start(opts: {
  api: boolean;
  /** Run a planning runner (a BullMQ consumer of planning jobs) in this process. */
  runner: boolean;
  env?: NodeJS.ProcessEnv;
  seed?: boolean;
  /** The one clock every rule reads; the wall clock unless a test or replay pins it. */
  clock?: Clock;
}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const config = loadConfig(opts.env);
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, log);
  if (opts.seed ?? true) await seed(db, config, log, opts.api, clock);
  const policies = loadPolicies(config.FIXTURES_DIR);
  const ref = referenceCache(db);
  const producer = producerConnection(config.REDIS_URL);
  producer.on('error', () => undefined); // reported where a command fails
  const queue = createPlanningQueue(producer, config.QUEUE_PREFIX);

  queue.on('error', () => undefined);
  const rt: Runtime = { config, db, log, clock, stop: async () => undefined };
  // Closed together at stop: the listener (no new connections at once) and the worker (its active jobs finish).
  const closers: (() => Promise<void>)[] = [];
  let stopRequeue: (() => void) | undefined;
  if (opts.api) {
    const app = createApp({
      clock,
      config,
      db,
      queue,
      redis: failFastWhenDisconnected(producer),
      cipher: cipherFor(config),
      log,
      accessLog: createAccessLogger(config.LOG_LEVEL),
      knownFactories: ref.knownFactories,
      knownCounties: ref.knownCounties,
      countyAliases: ref.countyAliases,
      places: ref.places,
      referenceChanged: ref.invalidate,
      policies,
      noticeDays: config.SUBSIDY_NOTICE_DAYS ?? policies.subsidy.publicNoticeDays,
    });
    rt.server = await listen(app, config.PORT, config.HOST, {
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    });
    rt.port = (rt.server.address() as { port: number }).port;
    stopRequeue = startRequeueLoop(
      { db, clock, queue, log, staleMs: config.STALE_BATCH_MS },
      config.REQUEUE_INTERVAL_MS,
    );
    closers.push(() => closeServer(rt.server!, SHUTDOWN_GRACE_MS));
    log.info({ port: rt.port }, 'API listening');
  }
  if (opts.runner) {
    const connection = runnerConnection(config.REDIS_URL);
    connection.on('error', () => undefined);
    const detour = policies.planner.detourFactor;
    const estimate = greatCircleProvider(detour);
    // One distance request per planning job: an OSRM table over the job's points, or great-circle × detour.
    const distance: DistanceSource = config.OSRM_URL ? osrmDistance(config.OSRM_URL, detour) : async () => estimate;
    const runner = startPlanningRunner({
      planning: createPlanning({ db, clock, places: ref.places, policies, distance }),
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      log,
      lockMs: config.JOB_LOCK_MS,
      stalledIntervalMs: config.STALLED_INTERVAL_MS,
    });
    rt.runner = runner;
    closers.push(async () => {
      await runner.close();
      connection.disconnect();
    });
    log.info({ concurrency: config.WORKER_CONCURRENCY }, 'planning runner started');
    if (!opts.api && config.WORKER_HEALTH_PORT !== undefined) {
      const health = await startWorkerHealthServer(
        runner,
        connection,
        config.WORKER_HEALTH_PORT,
        config.HOST,
        config.METRICS_TOKEN,
      );
      closers.push(() => new Promise<void>((resolve) => health.close(() => resolve())));
      rt.healthPort = (health.address() as { port: number }).port;
      log.info({ port: rt.healthPort }, 'worker health and metrics listening');
    }
  }
  rt.stop = async () => {
    stopRequeue?.();
    await Promise.all(closers.map((c) => c()));
    await queue.close().catch(() => undefined);
    producer.disconnect();
    await db.destroy();
  };
  return rt;
}

/**
 * In-flight requests get this long after a stop before their connections are cut (SSE streams never end by themselves).
 */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections at once, lets in-flight requests finish, closes keep-alive connections as
 * they fall idle, and cuts whatever is still open (SSE) after the grace period.
 */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 200);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Starts the pieces and stops them cleanly on SIGTERM/SIGINT: no new requests, in-flight work finishes. */
export async function runUntilSignalled(opts: { api: boolean; runner: boolean; seed?: boolean }): Promise<void> {
  let rt: Runtime;
  try {
    rt = await start(opts);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rt.log.info({ signal }, 'shutting down');
    try {
      await rt.stop();
    } catch (e) {
      rt.log.error({ err: (e as Error).message }, 'unclean shutdown');
      process.exit(1);
    }
    rt.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
