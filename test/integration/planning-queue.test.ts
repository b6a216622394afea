import IORedis from 'ioredis';
import { fixedClock } from '../../src/clock';
import { PLAN_BATCH, planJobId, type PlanJob } from '../../src/contracts/jobs';
import { insertBatch, getBatch, listUnqueued, markEnqueued, setProgress } from '../../src/db/batches-repo';
import { greatCircleProvider } from '../../src/domain/geo/distance';
import { validateRows } from '../../src/domain/batch/validate-batch';
import { createLogger } from '../../src/logger';
import { createPlanningQueue } from '../../src/queue/planning-queue';
import { planProcessor } from '../../src/queue/planning-runner';
import { loadPolicies } from '../../src/reference/load-fixtures';
import { readPlaces } from '../../src/db/reference-repo';
import { createApiKey } from '../../src/auth/api-keys';
import { enqueuePlan } from '../../src/services/planning/enqueue-plan';
import { createPlanning } from '../../src/services/planning/planning';
import { api } from '../support/http';
import { sampleRows, workerRow, UTC_OFFSET_MIN } from '../support/sample';
import { createTestDatabase, testCipher, type TestDatabase } from '../support/test-db';
import { clearPrefix, REDIS_URL, startTestService, TEST_NOW, waitFor } from '../support/test-service';

const clock = fixedClock(TEST_NOW);

const tripCount = async (t: TestDatabase, batchId: string) =>
  Number(
    (
      await t.db
        .selectFrom('trips')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('batch_id', '=', batchId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function storedBatch(t: TestDatabase, rows = sampleRows()) {
  const key = await createApiKey(t.db, 'dispatcher', ['140222']);
  return (await insertBatch(
    t.db,
    { name: 't', createdBy: key.id, idempotencyKey: null, countyCodes: ['140222'], workers: rows },
    testCipher,
    clock.now(),
  ))!;
}

describe('the planning job', () => {
  let t: TestDatabase;
  beforeAll(async () => (t = await createTestDatabase()));
  afterAll(() => t.drop());

  const policies = loadPolicies();
  /** Distance requests made, one per planning job. */
  let distanceRequests = 0;
  const processor = () =>
    planProcessor({
      planning: createPlanning({
        db: t.db,
        clock,
        places: () => readPlaces(t.db),
        policies,
        distance: async () => (distanceRequests++, greatCircleProvider(policies.planner.detourFactor)),
      }),
      connection: null as never, // a batch this small is planned in one job: no child jobs to add
      prefix: 'unused',
      concurrency: 1,
      log: createLogger('silent'),
    });
  // What BullMQ hands a processor: the job (name, data, attempts, progress) and the job's lock token.
  const fakeJob = (data: PlanJob) =>
    ({ name: PLAN_BATCH, id: planJobId(data), data, attemptsMade: 0, updateProgress: async () => undefined }) as never;
  const run = (data: PlanJob) => processor()(fakeJob(data), 'lock-token');

  it('when run twice for one batch, then the batch has exactly one set of trips', async () => {
    const b = await storedBatch(t);
    distanceRequests = 0;
    await run({ batchId: b.id, revision: 1 });
    expect(distanceRequests).toBe(1);
    const first = await t.db
      .selectFrom('trip_passengers')
      .select(['worker_id', 'cost_share_fen'])
      .where('batch_id', '=', b.id)
      .orderBy('worker_id')
      .execute();
    const trips = await tripCount(t, b.id);
    expect(await run({ batchId: b.id, revision: 1 })).toEqual({ stored: false });
    expect(await tripCount(t, b.id)).toBe(trips);
    const second = await t.db
      .selectFrom('trip_passengers')
      .select(['worker_id', 'cost_share_fen'])
      .where('batch_id', '=', b.id)
      .orderBy('worker_id')
      .execute();
    expect(second).toEqual(first);
    expect((await getBatch(t.db, b.id))?.status).toBe('planned');
  });

  it('when the job is for an older revision, then it changes nothing', async () => {
    const b = await storedBatch(t, validateRows([workerRow(900)], UTC_OFFSET_MIN).rows);
    await t.db.updateTable('batches').set({ revision: 2 }).where('id', '=', b.id).execute();
    distanceRequests = 0;
    expect(await run({ batchId: b.id, revision: 1 })).toEqual({ stored: false });
    expect(await tripCount(t, b.id)).toBe(0);
    expect(distanceRequests).toBe(0);
  });

  it('when the payload is malformed or the batch is gone, then the job fails without retries', async () => {
    await expect(run({ batchId: 'nope', revision: 1 })).rejects.toThrow(/bad job payload/);
    await expect(run({ batchId: '6f1f0c1e-6a55-4c1e-9d8a-3b1d2f7e8a90', revision: 1 })).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
  });

  it('when a write inside the batch transaction fails, then nothing of the batch is stored', async () => {
    const key = await createApiKey(t.db, 'dispatcher', ['140222']);
    const rows = validateRows([workerRow(910), workerRow(911)], UTC_OFFSET_MIN).rows;
    rows[1] = { ...rows[1], factoryId: 'not-in-gazetteer' };
    await expect(
      insertBatch(
        t.db,
        { name: 'broken', createdBy: key.id, idempotencyKey: null, countyCodes: ['140222'], workers: rows },
        testCipher,
        clock.now(),
      ),
    ).rejects.toThrow();
    expect(await t.db.selectFrom('batches').select('id').where('name', '=', 'broken').execute()).toEqual([]);
    expect(
      await t.db
        .selectFrom('person_claims')
        .select('id_hash')
        .where('id_hash', '=', testCipher.hash(rows[0].idNumber))
        .execute(),
    ).toEqual([]);
  });
});

describe('the queue round trip on the real Redis', () => {
  it('when the same batch revision is enqueued twice, then one job exists and the batch is planned once', async () => {
    const svc = await startTestService();
    try {
      const key = await svc.key('dispatcher', ['140222']);
      const r = await api(svc.base, key, 'POST', '/api/v1/batches', {
        name: 'q',
        workers: [workerRow(1), workerRow(2)],
      });
      const job = { batchId: r.json.id, revision: 1 };
      const conn = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
      const queue = createPlanningQueue(conn, svc.prefix);
      await enqueuePlan(queue, job);
      await waitFor('planned', async () => (await getBatch(svc.tdb.db, job.batchId))?.status === 'planned');
      await enqueuePlan(queue, job);
      const counts = await queue.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
      expect(counts).toEqual({ completed: 1, waiting: 0, active: 0, delayed: 0, failed: 0 });
      expect((await queue.getJob(planJobId(job)))?.returnvalue).toEqual({ stored: true });
      expect(await tripCount(svc.tdb, job.batchId)).toBe(1);
      await queue.close();
      conn.disconnect();
    } finally {
      await svc.stop();
    }
  });

  it('when Redis is unreachable at submission, then the batch is stored, answered 202, and queued once Redis is back', async () => {
    const down = await startTestService({ runner: false, env: { REDIS_URL: 'redis://127.0.0.1:6390' } });
    try {
      const key = await down.key('dispatcher', ['140222']);
      const r = await api(down.base, key, 'POST', '/api/v1/batches', { name: 'offline', workers: [workerRow(1)] });
      expect(r.status).toBe(202);
      const stored = await getBatch(down.tdb.db, r.json.id);
      expect(stored).toMatchObject({ status: 'queued', enqueued_at: null });
      // Same database, now with a reachable Redis: the re-queue sweep hands the batch over and a worker plans it.
      const { start } = await import('../../src/runtime');
      const up = await start({
        api: true,
        runner: true,
        seed: false,
        env: {
          NODE_ENV: 'test',
          PORT: '0',
          LOG_LEVEL: 'silent',
          DATABASE_URL: down.tdb.url,
          REDIS_URL,
          QUEUE_PREFIX: down.prefix,
          REQUEUE_INTERVAL_MS: '200',
        },
      });
      try {
        await waitFor(
          'planned after Redis returned',
          async () => (await getBatch(down.tdb.db, r.json.id))?.status === 'planned',
        );
        expect(await tripCount(down.tdb, r.json.id)).toBe(1);
      } finally {
        await up.stop();
      }
    } finally {
      await down.stop();
      await clearPrefix(down.prefix);
    }
  });
});

describe('batch progress and the re-queue sweep', () => {
  it('when progress reports land out of order, then the stored progress never goes back', async () => {
    const t = await createTestDatabase();
    try {
      const b = await storedBatch(t, validateRows([workerRow(950)], UTC_OFFSET_MIN).rows);
      await setProgress(t.db, b.id, 80, clock.now());
      await setProgress(t.db, b.id, 66, clock.now());
      expect((await getBatch(t.db, b.id))?.progress).toBe(80);
    } finally {
      await t.drop();
    }
  });

  it('when a queued batch makes no progress for the stale time of the clock, then the re-queue sweep lists it', async () => {
    const t = await createTestDatabase();
    try {
      const b = await storedBatch(t, validateRows([workerRow(960)], UTC_OFFSET_MIN).rows);
      const at = fixedClock(TEST_NOW);
      await markEnqueued(t.db, b.id, at.now());
      const staleMs = 10 * 60_000;
      at.advance(staleMs - 1000);
      expect(await listUnqueued(t.db, at.now(), staleMs)).toEqual([]);
      at.advance(2000);
      expect(await listUnqueued(t.db, at.now(), staleMs)).toEqual([{ id: b.id, revision: 1 }]);
    } finally {
      await t.drop();
    }
  });
});
