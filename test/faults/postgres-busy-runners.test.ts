/**
 * Fault: PostgreSQL (a private throwaway cluster) stops while planning runners are busy, each inside a
 * transaction on a checked-out connection. The test makes them busy for sure: it holds a lock on the trips table,
 * so each runner's store waits on it with its connection checked out, as seen in pg_stat_activity. A pg client
 * losing its server while checked out emits 'error' outside any query; unheard, that kills the process.
 * Then: the runners live on and plan again once PostgreSQL is back; and a job whose last attempt fails while
 * PostgreSQL is still down leaves its batch failed, with the reason, once PostgreSQL answers — never stuck.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { api } from '../support/http';
import {
  dropDatabase,
  newKey,
  poll,
  prepareDatabase,
  spawnService,
  startPrivatePostgres,
  storedPlanViolations,
  syntheticRows,
  type PrivatePostgres,
  type ServiceProcess,
} from '../support/fault-services';
import { clearPrefix, REDIS_URL } from '../support/test-service';
import type { Database } from '../../src/db/database';

const DB = 'p2p_busy';

describe('PostgreSQL stopped under busy planning runners', () => {
  let pgp: PrivatePostgres;
  let db: Database;
  let apiProc: ServiceProcess | undefined;
  const runners: ServiceProcess[] = [];
  let key: string;
  const prefix = `p2pbusy${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    pgp = await startPrivatePostgres();
    db = await prepareDatabase(pgp.urlFor(DB));
    const env = { DATABASE_URL: pgp.urlFor(DB), REDIS_URL, QUEUE_PREFIX: prefix };
    apiProc = await spawnService('api', env);
    // One job at a time each: two batches keep both busy.
    for (let i = 0; i < 2; i++) runners.push(await spawnService('runner', { ...env, WORKER_CONCURRENCY: '1' }));
    key = await newKey(db, 'dispatcher', ['140222', '140225']);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([apiProc, ...runners].map((p) => p?.kill()));
    await db?.destroy();
    await dropDatabase(pgp.adminUrl, DB).catch(() => undefined);
    await pgp?.destroy();
    await clearPrefix(prefix);
  });

  const submit = async (name: string, offset: number) => {
    const r = await api(apiProc!.base, key, 'POST', '/api/v1/batches', {
      name,
      workers: syntheticRows(30, { offset, counties: ['140222'] }),
    });
    expect(r.status).toBe(202);
    return r.json.id as string;
  };
  const batch = async (id: string) => (await api(apiProc!.base, key, 'GET', `/api/v1/batches/${id}`)).json;

  /** Holds the trips table, so every plan being stored waits, in its transaction, on a checked-out connection. */
  async function holdTrips(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: pgp.urlFor(DB) });
    c.on('error', () => undefined); // ours loses its server too
    await c.connect();
    await c.query('BEGIN');
    await c.query('LOCK TABLE trips IN ACCESS EXCLUSIVE MODE');
    return c;
  }
  /**
   * Waits until `n` sessions wait on the lock. Asked on a connection of its own: within the transaction that holds
   * the lock, pg_stat_activity would answer the same snapshot every time.
   */
  async function waitOnLock(n: number): Promise<void> {
    const activity = async () =>
      (
        await sql<{ wait_event_type: string | null; state: string; query: string }>`
          SELECT wait_event_type, state, left(query, 60) AS query FROM pg_stat_activity WHERE datname = ${DB}`.execute(
          db,
        )
      ).rows;
    try {
      await poll(
        `${n} runner(s) to wait on the lock`,
        async () => (await activity()).filter((r) => r.wait_event_type === 'Lock').length === n,
        90_000,
        200,
      );
    } catch (e) {
      const logs = runners.map((r) => r.logs.slice(-5).map((l) => `${String(l.msg)} ${String(l.err ?? '')}`));
      throw new Error(
        `${(e as Error).message}; sessions: ${JSON.stringify(await activity())}; runners: ${JSON.stringify(logs)}`,
      );
    }
  }
  const alive = () => runners.map((r) => ({ pid: r.pid, exitCode: r.proc.exitCode, signal: r.proc.signalCode }));
  const allAlive = () => runners.map((r) => ({ pid: r.pid, exitCode: null, signal: null }));

  let lock: pg.Client | undefined;
  afterEach(async () => {
    await lock?.end().catch(() => undefined); // a test that failed before the stop would hold the lock on
    if (!(await pgp.running())) await pgp.start();
  });

  it('when PostgreSQL stops while both runners are inside a transaction, then both live on and plan again once it is back', async () => {
    lock = await holdTrips();
    const ids = [await submit('busy 1', 0), await submit('busy 2', 100)];
    await waitOnLock(2);

    await pgp.stop('fast'); // terminates every connection, checked out or idle
    await new Promise((r) => setTimeout(r, 1500)); // an unheard 'error' kills at once
    expect(alive()).toEqual(allAlive());
    await pgp.start();

    for (const id of ids)
      await poll(`batch ${id} planned`, async () => (await batch(id))?.status === 'planned', 90_000, 250);
    const later = await submit('after', 200);
    await poll('a later batch planned', async () => (await batch(later))?.status === 'planned', 60_000, 250);
    for (const id of [...ids, later]) expect(await storedPlanViolations(db, id)).toEqual([]);
    expect(alive()).toEqual(allAlive());
    for (const r of runners) expect(r.stderr()).not.toMatch(/Unhandled 'error' event|uncaught/i);
  }, 180_000);

  it('when the last attempt of a job fails while PostgreSQL is down, then the batch ends failed with the reason once it is back', async () => {
    lock = await holdTrips();
    const id = await submit('last attempt', 300);
    await waitOnLock(1);
    await pgp.stop('fast');
    // Five attempts with exponential backoff (2 s, 4 s, 8 s, 16 s): the last one fails while PostgreSQL is down.
    const final = (l: Record<string, unknown>) =>
      l.msg === 'planning job failed' && l.batchId === id && l.final === true;
    await Promise.any(runners.map((r) => r.waitForLog('the final failure', final, 90_000)));
    await pgp.start();

    const failed = await poll(
      'the batch to be marked failed',
      async () => {
        const b = await batch(id);
        return b?.status === 'failed' ? b : null;
      },
      60_000,
      250,
    );
    expect(failed.error).toMatch(/database is unavailable/);
    expect(runners.some((r) => r.logs.some((l) => l.msg === 'could not mark batch failed yet; retrying'))).toBe(true);
    expect(alive()).toEqual(allAlive());
  }, 180_000);
});
