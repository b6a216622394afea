import { Worker, type Job } from 'bullmq';
import { PLAN_GROUP, planJobId } from '../../src/contracts/jobs';
import { getBatch } from '../../src/db/batches-repo';
import { toPlanWorker } from '../../src/db/batch-workers-repo';
import { readPlaces } from '../../src/db/reference-repo';
import { greatCircleProvider } from '../../src/domain/geo/distance';
import { planBatch } from '../../src/domain/planning/plan-batch';
import type { PlanLeg } from '../../src/domain/planning/plan-schema';
import { createLogger } from '../../src/logger';
import { createPlanningQueue, PLANNING_QUEUE } from '../../src/queue/planning-queue';
import { planProcessor } from '../../src/queue/planning-runner';
import { loadPolicies } from '../../src/reference/load-fixtures';
import { enqueuePlan } from '../../src/services/planning/enqueue-plan';
import { queueSuite, submitBatch, testPlanning } from '../support/planning-setup';
import { waitFor } from '../support/test-service';

// A parent waits for its children in its own run when its runner has a slot beside it (and assembles with the batch
// it loaded), or is released to wait in BullMQ and resumed (assembleWaitMs 0: it runs a second time).
describe.each([
  { assembleWaitMs: undefined, parentRuns: 1 },
  { assembleWaitMs: 0, parentRuns: 2 },
])(
  'a batch fanned out as a BullMQ flow on the real Redis (wait $assembleWaitMs ms)',
  ({ assembleWaitMs, parentRuns }) => {
    const s = queueSuite('flow');

    it('plans every group in its own child job, retries a failed child alone, and stores one exact set of trips', async () => {
      const { conn, prefix } = s;
      const t = s.t;
      const batch = { id: await submitBatch(t.db, 'flow') };
      const policies = loadPolicies();
      let distanceRequests = 0;
      const planning = testPlanning(t.db, {
        distance: async () => (distanceRequests++, greatCircleProvider(policies.planner.detourFactor)),
        fanOutMinWorkers: 1,
      });
      const log = createLogger('silent');
      const inner = planProcessor({ planning, connection: conn, prefix, concurrency: 4, log, assembleWaitMs });
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
        // The failed child ran twice; every other child once; the parent fanned out and assembled in one run, or ran
        // again to assemble.
        for (const c of children) expect(runs.get(c.id!)).toBe(c.id === failedOnce ? 2 : 1);
        expect(runs.get(planJobId(job))).toBe(parentRuns);
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
          .select(['id', 'key', 'cost_fen', 'legs'])
          .where('batch_id', '=', batch.id)
          .orderBy('key')
          .execute();
        // Keys, costs and pooled vehicles numbered as one plan, though the parts were stored child by child.
        const vehicles = (legs: unknown) => (legs as PlanLeg[]).map((l) => l.vehicleKey ?? null);
        expect(trips.map((x) => [x.key, Number(x.cost_fen), vehicles(x.legs)])).toEqual(
          expected.trips.map((x) => [x.key, x.costFen, vehicles(x.legs)]),
        );
        const seats = await t.db
          .selectFrom('trip_passengers')
          .select(['worker_id'])
          .where('batch_id', '=', batch.id)
          .execute();
        expect(new Set(seats.map((x) => x.worker_id)).size).toBe(seats.length);
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
  },
);
