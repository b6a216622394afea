import { randomBytes } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { createApiKey } from '../../src/auth/api-keys';
import { fixedClock } from '../../src/clock';
import { PLAN_GROUP, planJobId } from '../../src/contracts/jobs';
import { getBatch, insertBatch } from '../../src/db/batches-repo';
import { toPlanWorker } from '../../src/db/batch-workers-repo';
import { readPlaces } from '../../src/db/reference-repo';
import { greatCircleProvider } from '../../src/domain/geo/distance';
import { planBatch } from '../../src/domain/planning/plan-batch';
import { createLogger } from '../../src/logger';
import { createPlanningQueue, PLANNING_QUEUE } from '../../src/queue/planning-queue';
import { planProcessor } from '../../src/queue/planning-runner';
import { loadPolicies } from '../../src/reference/load-fixtures';
import { enqueuePlan } from '../../src/services/planning/enqueue-plan';
import { createPlanning } from '../../src/services/planning/planning';
import { sampleRows } from '../support/sample';
import { createTestDatabase, testCipher, type TestDatabase } from '../support/test-db';
import { clearPrefix, REDIS_URL, TEST_NOW, waitFor } from '../support/test-service';

describe('a batch fanned out as a BullMQ flow on the real Redis', () => {
  let t: TestDatabase;
  const prefix = `p2pflow${randomBytes(4).toString('hex')}`;
  const conn = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  beforeAll(async () => (t = await createTestDatabase()));
  afterAll(async () => {
    await clearPrefix(prefix);
    conn.disconnect();
    await t.drop();
  });

  it('plans every group in its own child job, retries a failed child alone, and stores one exact set of trips', async () => {
    const key = await createApiKey(t.db, 'dispatcher', ['140222']);
    const batch = (await insertBatch(
      t.db,
      { name: 'flow', createdBy: key.id, idempotencyKey: null, countyCodes: ['140222'], workers: sampleRows() },
      testCipher,
      fixedClock(TEST_NOW).now(),
    ))!;
    const policies = loadPolicies();
    let distanceRequests = 0;
    const planning = createPlanning({
      db: t.db,
      clock: fixedClock(TEST_NOW),
      places: () => readPlaces(t.db),
      policies,
      distance: async () => (distanceRequests++, greatCircleProvider(policies.planner.detourFactor)),
      fanOutMinWorkers: 1,
    });
    const inner = planProcessor({ planning, connection: conn, prefix, concurrency: 4, log: createLogger('silent') });
    const runs = new Map<string, number>();
    let failedOnce = '';
    const worker = new Worker(
      PLANNING_QUEUE,
      async (job: Job, token?: string) => {
        runs.set(job.id!, (runs.get(job.id!) ?? 0) + 1);
        if (job.name === PLAN_GROUP && !failedOnce) {
          failedOnce = job.id!;
          throw new Error('injected failure of one child');
        }
        return inner(job, token);
      },
      { connection: conn, prefix, concurrency: 4 },
    );
    const queue = createPlanningQueue(conn, prefix);
    try {
      const job = { batchId: batch.id, revision: 1 };
      await enqueuePlan(queue, job);
      await waitFor(
        'planned through the flow',
        async () => (await getBatch(t.db, batch.id))?.status === 'planned',
        60_000,
      );

      const children = await queue
        .getJobs(['completed', 'failed', 'waiting', 'active', 'delayed'])
        .then((js) => js.filter((j) => j.name === PLAN_GROUP));
      expect(children.length).toBeGreaterThanOrEqual(2);
      expect(children.every((c) => c.parentKey?.endsWith(planJobId(job)))).toBe(true);
      expect(await Promise.all(children.map((c) => c.getState()))).toEqual(children.map(() => 'completed'));
      // The failed child ran twice; every other child once; the parent ran to fan out and to assemble.
      for (const c of children) expect(runs.get(c.id!)).toBe(c.id === failedOnce ? 2 : 1);
      expect(runs.get(planJobId(job))).toBe(2);
      expect((await queue.getJob(planJobId(job)))?.returnvalue).toEqual({ stored: true });
      // Distances once per planned share (the injected failure came before any); none to fan out or assemble.
      expect(distanceRequests).toBe(children.length);

      // Exactly once, and the same plan as planning the batch in one process.
      const rows = await t.db.selectFrom('batch_workers').selectAll().where('batch_id', '=', batch.id).execute();
      const ctx = {
        places: await readPlaces(t.db),
        config: policies.planner,
        health: policies.health,
        distance: greatCircleProvider(policies.planner.detourFactor),
      };
      const expected = planBatch(rows.map(toPlanWorker), ctx);
      const trips = await t.db
        .selectFrom('trips')
        .select(['id', 'key', 'cost_fen'])
        .where('batch_id', '=', batch.id)
        .orderBy('key')
        .execute();
      expect(trips.map((x) => [x.key, Number(x.cost_fen)])).toEqual(expected.trips.map((x) => [x.key, x.costFen]));
      const seats = await t.db
        .selectFrom('trip_passengers')
        .select(['worker_id'])
        .where('batch_id', '=', batch.id)
        .execute();
      expect(new Set(seats.map((s) => s.worker_id)).size).toBe(seats.length);
      expect(seats.length).toBe(expected.totals.travelling);
      expect(new Set(expected.trips.map((x) => `${x.countyCode}|${x.factoryId}`)).size).toBeGreaterThanOrEqual(2);

      // Enqueuing the same revision again changes nothing.
      await enqueuePlan(queue, job);
      expect(await t.db.selectFrom('trips').select('id').where('batch_id', '=', batch.id).execute()).toHaveLength(
        trips.length,
      );
    } finally {
      await worker.close();
      await inner.close();
      await queue.close();
    }
  });
});
