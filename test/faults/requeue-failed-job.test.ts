/**
 * Fault: a batch's planning job ended for good (its last attempt failed while PostgreSQL was away) and nobody
 * recorded it on the batch (the runner died first). BullMQ keeps the failed job under the batch's job id, so
 * queueing that id again does nothing: the re-queue sweep queues the next generation's id instead, once per
 * generation however many sweeps run at once, and marks the batch failed with the reason when every generation
 * has ended. The failing runner is simulated; the sweep, the queue, Redis and PostgreSQL are real.
 */
import IORedis from 'ioredis';
import { UnrecoverableError, Worker } from 'bullmq';
import { getBatch } from '../../src/db/batches-repo';
import { createLogger } from '../../src/logger';
import { createPlanningQueue, PLANNING_QUEUE } from '../../src/queue/planning-queue';
import { start, type Runtime } from '../../src/runtime';
import { PLAN_GENERATIONS, planGenerationId } from '../../src/services/planning/enqueue-plan';
import { requeueUnqueued } from '../../src/services/requeue';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { REDIS_URL, startTestService, waitFor, type TestService } from '../support/test-service';

const STALE_MS = 60_000;
const REASON = 'simulated: the database is unavailable; try again shortly';

let svc: TestService;
let dispatcher: string;
let conn: IORedis;
let queue: ReturnType<typeof createPlanningQueue>;
const log = createLogger('silent');
const sweep = () => requeueUnqueued({ db: svc.rt.db, clock: svc.clock, queue, log, staleMs: STALE_MS });

/** A runner whose every job fails for good, as a last attempt does while PostgreSQL is down. */
async function failNextJob(jobId: string): Promise<void> {
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const failing = new Worker(
    PLANNING_QUEUE,
    async () => {
      throw new UnrecoverableError(REASON);
    },
    { connection, prefix: svc.prefix },
  );
  try {
    await waitFor(`job ${jobId} failed`, async () => (await (await queue.getJob(jobId))?.getState()) === 'failed');
  } finally {
    await failing.close();
    connection.disconnect();
  }
}

async function submit(i: number): Promise<{ batchId: string; revision: number }> {
  const r = await api(svc.base, dispatcher, 'POST', '/api/v1/batches', { name: `b${i}`, workers: [workerRow(i)] });
  expect(r.status).toBe(202);
  return { batchId: r.json.id, revision: 1 };
}

beforeAll(async () => {
  // No runner, and a sweep loop that never fires by itself: the test runs the sweep.
  svc = await startTestService({ runner: false, env: { REQUEUE_INTERVAL_MS: String(3_600_000) } });
  dispatcher = await svc.key('dispatcher', ['140222']);
  conn = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = createPlanningQueue(conn, svc.prefix);
});
afterAll(async () => {
  await queue.close();
  conn.disconnect();
  await svc.stop();
});

it('when a batch job failed for good unrecorded, then the sweep queues a new job id once, and a runner plans it', async () => {
  const job = await submit(1);
  await failNextJob(planGenerationId(job, 1));
  expect((await getBatch(svc.rt.db, job.batchId))?.status).toBe('queued');

  // Not stale yet: nothing happens.
  expect(await sweep()).toEqual({ queued: 0, failed: 0 });
  svc.clock.advance(STALE_MS + 1000);
  // Three sweeps at once (three API processes): one new job.
  const results = await Promise.all([sweep(), sweep(), sweep()]);
  expect(results.reduce((n, r) => n + r.queued, 0)).toBeGreaterThanOrEqual(1);
  expect(await (await queue.getJob(planGenerationId(job, 2)))?.getState()).toBe('waiting');
  expect(await queue.getJob(planGenerationId(job, 3))).toBeUndefined();
  expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

  // Stale again while the new job still waits: it is alive, so nothing new is queued.
  svc.clock.advance(STALE_MS + 1000);
  expect(await sweep()).toEqual({ queued: 0, failed: 0 });
  expect(await queue.getJob(planGenerationId(job, 3))).toBeUndefined();

  let runner: Runtime | undefined;
  try {
    runner = await start({
      api: false,
      runner: true,
      seed: false,
      clock: svc.clock,
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: svc.tdb.url, REDIS_URL, QUEUE_PREFIX: svc.prefix },
    });
    await waitFor('planned', async () => (await getBatch(svc.rt.db, job.batchId))?.status === 'planned');
  } finally {
    await runner?.stop();
  }
  expect(await (await queue.getJob(planGenerationId(job, 2)))?.getState()).toBe('completed');
}, 60_000);

it('when every generation of a batch job failed, then the sweep marks the batch failed with the reason', async () => {
  const job = await submit(2);
  for (let g = 1; g <= PLAN_GENERATIONS; g++) {
    await failNextJob(planGenerationId(job, g));
    svc.clock.advance(STALE_MS + 1000);
    const r = await sweep();
    expect(r).toEqual(g < PLAN_GENERATIONS ? { queued: 1, failed: 0 } : { queued: 0, failed: 1 });
  }
  expect(await getBatch(svc.rt.db, job.batchId)).toMatchObject({ status: 'failed', error: REASON });
  svc.clock.advance(STALE_MS + 1000);
  expect(await sweep()).toEqual({ queued: 0, failed: 0 });
}, 60_000);
