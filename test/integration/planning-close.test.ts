/**
 * A fanned-out parent waiting for its children in its own run must not hold up its runner's close: it is released
 * to wait in BullMQ, and another runner assembles the batch once the children are done.
 */
import { performance } from 'node:perf_hooks';
import { PLAN_GROUP, planJobId, type GroupJob } from '../../src/contracts/jobs';
import { getBatch } from '../../src/db/batches-repo';
import { createLogger } from '../../src/logger';
import { createPlanningQueue } from '../../src/queue/planning-queue';
import { startPlanningRunner } from '../../src/queue/planning-runner';
import { enqueuePlan } from '../../src/services/planning/enqueue-plan';
import { queueSuite, submitBatch, testPlanning } from '../support/planning-setup';
import { waitFor } from '../support/test-service';

describe('closing a runner whose parent waits for its children', () => {
  const s = queueSuite('close');

  it('lets the parent go at once, and a second runner assembles the batch', async () => {
    const batchId = await submitBatch(s.t.db, 'close');
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const planningOf = (hold: boolean) => {
      const planning = testPlanning(s.t.db, { fanOutMinWorkers: 1 });
      // The first runner's children wait to be released: its parent would wait for them until assembleWaitMs.
      return hold ? { ...planning, planShare: async (j: GroupJob) => (await held, planning.planShare(j)) } : planning;
    };
    const base = { connection: s.conn, prefix: s.prefix, concurrency: 2, log: createLogger('silent') };
    const runner = (hold: boolean) =>
      startPlanningRunner({ ...base, assembleWaitMs: 120_000, planning: planningOf(hold) });
    const first = runner(true);
    const queue = createPlanningQueue(s.conn, s.prefix);
    try {
      const job = { batchId, revision: 1 };
      await enqueuePlan(queue, job);
      await waitFor('fanned out', async () => (await queue.getJobs(['active'])).some((j) => j.name === PLAN_GROUP));
      const parent = (await queue.getJob(planJobId(job)))!;
      expect(await parent.getState()).toBe('active');

      const closing = performance.now();
      const closed = first.close();
      release(); // the child in flight finishes: close waits for it
      await closed;
      expect(performance.now() - closing).toBeLessThan(30_000);
      expect(await parent.getState()).toBe('waiting-children');

      const second = runner(false);
      try {
        await waitFor('assembled', async () => (await getBatch(s.t.db, batchId))?.status === 'planned', 60_000);
      } finally {
        await second.close();
      }
    } finally {
      release();
      await queue.close();
    }
  }, 120_000);
});
