/**
 * Fault: Redis (the queue) stops in the middle of a run and comes back. Meanwhile the API keeps serving
 * reads from PostgreSQL, accepts submissions into its outbox (202; committed in PostgreSQL first), answers
 * /readyz with 503, never 500 or a hang; once Redis is back every batch is planned exactly once.
 */
import { randomBytes } from 'node:crypto';
import { withTimeout } from '../../src/with-timeout';
import placesJson from '../../fixtures/places.json';
import { api } from '../support/http';
import {
  Fatal,
  newKey,
  poll,
  spawnService,
  startPrivateRedis,
  storedPlanViolations,
  syntheticRows,
  type PrivateRedis,
  type ServiceProcess,
} from '../support/fault-services';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const ALL_COUNTIES = placesJson.counties.map((c) => c.code);

/** A request must answer (any status) well within this; a hang fails the test. */
const timed = <T>(what: string, p: Promise<T>, ms = 8000): Promise<T> => withTimeout(p, ms, what);

describe('Redis stopped and restarted during a run', () => {
  let tdb: TestDatabase;
  let redis: PrivateRedis;
  const procs: ServiceProcess[] = [];
  beforeAll(async () => {
    [tdb, redis] = await Promise.all([createTestDatabase(), startPrivateRedis({ persist: true })]);
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await redis?.destroy();
    await tdb?.drop();
  });

  it('when Redis goes away, then reads keep working, submissions are kept, readiness is 503, and every batch is planned once when it is back', async () => {
    const env = {
      DATABASE_URL: tdb.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `p2pfault${randomBytes(3).toString('hex')}`,
      WORKER_CONCURRENCY: '1',
    };
    const [apiProc, worker] = await Promise.all([spawnService('api', env), spawnService('runner', env)]);
    procs.push(apiProc, worker);
    const key = await newKey(tdb.db, 'dispatcher', ALL_COUNTIES);
    const submit = async (name: string, n: number, offset: number) => {
      const r = await timed(
        `submit ${name}`,
        api(apiProc.base, key, 'POST', '/api/v1/batches', { name, workers: syntheticRows(n, { offset }) }),
      );
      expect({ name, status: r.status }).toEqual({ name, status: 202 });
      return r.json.id as string;
    };
    const status = async (id: string) =>
      (await tdb.db.selectFrom('batches').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    // A batch planned before the fault, and a few in the queue or being planned when Redis stops.
    const before = await submit('before', 300, 0);
    await poll('the first batch to be planned', async () => (await status(before)) === 'planned', 60_000);
    const inFlight = [
      await submit('in flight 1', 3000, 1000),
      await submit('in flight 2', 300, 5000),
      await submit('in flight 3', 300, 6000),
    ];
    await redis.stop();

    // While Redis is down.
    const ready = await timed('readyz', api(apiProc.base, null, 'GET', '/readyz'));
    expect(ready.status).toBe(503);
    expect(ready.json.checks).toEqual({ postgres: 'ok', redis: 'down' });
    expect((await timed('healthz', api(apiProc.base, null, 'GET', '/healthz'))).status).toBe(200);
    expect((await timed('metrics', api(apiProc.base, null, 'GET', '/metrics'))).status).toBe(200);
    const read = await timed('batch status', api(apiProc.base, key, 'GET', `/api/v1/batches/${before}`));
    expect(read.status).toBe(200);
    expect(read.json.status).toBe('planned');
    const plan = await timed('plan', api(apiProc.base, key, 'GET', `/api/v1/batches/${before}/plan`));
    expect(plan.status).toBe(200);
    expect(plan.json.trips.length).toBeGreaterThan(0);
    const manifest = await timed(
      'manifest',
      api(apiProc.base, key, 'GET', `/api/v1/trips/${plan.json.trips[0].id}/manifest.csv`),
    );
    expect(manifest.status).toBe(200);
    const whileDown = [await submit('while down 1', 200, 7000), await submit('while down 2', 200, 8000)];
    const outbox = await tdb.db
      .selectFrom('batches')
      .select(['id', 'enqueued_at'])
      .where('id', 'in', whileDown)
      .execute();
    expect(outbox.every((b) => b.enqueued_at === null)).toBe(true); // committed, waiting for the queue
    // Not 500, not a hang: whatever was asked while Redis was down answered.
    await apiProc.logsRead();
    expect(apiProc.logs.filter((l) => l.url && l.status === 500)).toEqual([]);
    expect(apiProc.logs.filter((l) => l.url).length).toBeGreaterThan(0);

    await redis.start();
    const all = [before, ...inFlight, ...whileDown];
    await poll(
      'every batch to be planned',
      async () => {
        const rows = await tdb.db
          .selectFrom('batches')
          .select(['id', 'status', 'error'])
          .where('id', 'in', all)
          .execute();
        const failed = rows.find((r) => r.status === 'failed');
        if (failed) throw new Fatal(`batch ${failed.id} failed: ${failed.error}`);
        return rows.every((r) => r.status === 'planned');
      },
      90_000,
      250,
    );
    const plannedLines = (id: string) =>
      worker.logs.filter((l) => l.msg === 'batch planned' && l.batchId === id).length;
    await poll('a planned line for every batch', () => all.every((id) => plannedLines(id) > 0), 30_000, 20);
    for (const id of all) {
      expect({ id, violations: await storedPlanViolations(tdb.db, id) }).toEqual({ id, violations: [] });
      expect({ id, planned: plannedLines(id) }).toEqual({ id, planned: 1 });
    }
    await poll(
      'readyz to be 200 again',
      async () => (await api(apiProc.base, null, 'GET', '/readyz')).status === 200,
      20_000,
    );
  }, 170_000);
});
