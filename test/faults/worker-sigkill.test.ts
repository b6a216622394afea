/**
 * Fault: a planning worker process is killed with SIGKILL in the middle of planning a big batch.
 * BullMQ notices the stalled job once its lock expires and hands it to another worker; the batch
 * ends planned with exactly one set of trips.
 */
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import placesJson from '../../fixtures/places.json';
import { api } from '../support/http';
import {
  Fatal,
  newKey,
  poll,
  spawnService,
  storedPlanViolations,
  syntheticRows,
  type ServiceProcess,
} from '../support/fault-services';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { clearPrefix, REDIS_URL } from '../support/test-service';

const WORKERS = 24_000;
const ALL_COUNTIES = placesJson.counties.map((c) => c.code);

describe('a worker killed with SIGKILL while planning', () => {
  let tdb: TestDatabase;
  const prefix = `p2pfault${randomBytes(4).toString('hex')}`;
  const procs: ServiceProcess[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await clearPrefix(prefix);
    await tdb?.drop();
  });

  it('when the worker dies mid-way, then the job is retried by another worker and the batch has exactly one set of trips', async () => {
    // A short lock so the killed worker's job is found stalled in seconds (planning steps yield well within it).
    const env = {
      DATABASE_URL: tdb.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      MAX_BATCH_ROWS: '50000',
      WORKER_CONCURRENCY: '1',
      JOB_LOCK_MS: '15000',
      STALLED_INTERVAL_MS: '3000',
    };
    const [apiProc, firstRunner] = await Promise.all([spawnService('api', env), spawnService('runner', env)]);
    procs.push(apiProc, firstRunner);
    const key = await newKey(tdb.db, 'dispatcher', ALL_COUNTIES);

    const res = await api(apiProc.base, key, 'POST', '/api/v1/batches', {
      name: 'big batch',
      workers: syntheticRows(WORKERS),
    });
    expect(res.status).toBe(202);
    const batchId = res.json.id as string;

    // Kill while the worker holds a job (status "planning", a job active). Between a parent's move to
    // waiting-children and the next child's fetch nothing is active, so a kill can land where no job is left
    // orphaned: then another runner takes over and is killed in turn, until a kill leaves a job behind.
    const batchRow = () => tdb.db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
    const watch = new IORedis(REDIS_URL);
    const active = `${prefix}:planning:active`;
    const killed: ServiceProcess[] = [];
    let orphaned: string[] = [];
    try {
      for (let runner = firstRunner; orphaned.length === 0 && killed.length < 5;) {
        await poll(
          'planning to start with a job active',
          async () => (await batchRow()).status === 'planning' && (await watch.llen(active)) > 0,
          60_000,
          10,
        );
        await runner.kill();
        killed.push(runner);
        orphaned = await watch.lrange(active, 0, -1);
        if (orphaned.length === 0) procs.push((runner = await spawnService('runner', env)));
      }
    } finally {
      watch.disconnect();
    }
    expect(orphaned.length).toBeGreaterThan(0);

    const atKill = await batchRow();
    expect(atKill.status).toBe('planning'); // killed before the plan was stored, not after
    const tripsAtKill = await tdb.db
      .selectFrom('trips')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(Number(tripsAtKill.n)).toBe(0); // the plan is written in one transaction: nothing half-stored

    const second = await spawnService('runner', env);
    procs.push(second);
    // The dead worker's lock must expire (lockDuration) and a stalled-job check run before the retry.
    const planned = await poll(
      'the batch to be planned by the second worker',
      async () => {
        const b = await batchRow();
        if (b.status === 'failed') throw new Fatal(`batch failed: ${b.error}`);
        return b.status === 'planned' ? b : null;
      },
      150_000,
      250,
    );

    expect(planned.trip_count).toBeGreaterThan(0);
    expect(planned.worker_count).toBe(WORKERS);
    expect(await storedPlanViolations(tdb.db, batchId)).toEqual([]);
    const done = await poll(
      'the planned line',
      () => {
        const lines = [...killed.flatMap((k) => k.logs), ...second.logs].filter(
          (l) => l.msg === 'batch planned' && l.batchId === batchId,
        );
        return lines.length > 0 && lines;
      },
      5000,
      20,
    );
    expect(done).toHaveLength(1); // stored once, by the second worker
    expect(second.logs).toContain(done[0]);

    // BullMQ saw each job the dead worker held stall and moved it back to wait (its stall counter is 1).
    const redis = new IORedis(REDIS_URL);
    try {
      const counters = await Promise.all(orphaned.map((id) => redis.hget(`${prefix}:planning:${id}`, 'stc')));
      expect(counters.map(Number)).toEqual(orphaned.map(() => 1));
    } finally {
      redis.disconnect();
    }
  }, 240_000);
});
