import { Queue, UnrecoverableError, WaitingChildrenError, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { getBatch, markFailed, setProgress } from '../db/batches-repo';
import type { GroupResult } from '../domain/planning/group-plan';
import { shareGroups } from '../domain/planning/share-groups';
import type { Logger } from '../logger';
import {
  FAN_OUT_CHILDREN,
  FAN_OUT_MIN_WORKERS,
  planStoredBatch,
  planStoredGroups,
  prepareStoredBatch,
  shouldFanOut,
  storeAssembledPlan,
  type PlanningDeps,
} from '../services/plan-stored-batch';
import {
  GROUP_JOB_OPTIONS,
  GroupJobSchema,
  groupJobId,
  PLAN_GROUP,
  PLANNING_QUEUE,
  PlanJobSchema,
  type GroupJob,
  type PlanJob,
} from './planning-queue';
import { jobDuration, jobFailures } from '../observability/metrics';

export interface WorkerDeps extends PlanningDeps {
  connection: IORedis;
  prefix: string;
  concurrency: number;
  log: Logger;
  /** Fan out batches with at least this many workers (and two groups) into child jobs; default FAN_OUT_MIN_WORKERS. */
  fanOutMinWorkers?: number;
  /** At most this many child jobs per batch; default FAN_OUT_CHILDREN. */
  fanOutChildren?: number;
  /** Job lock, renewed while a job runs: a killed worker's job is retried once it expires. Keep above the longest synchronous step. */
  lockMs?: number;
  /** How often stalled jobs (of killed workers) are looked for. */
  stalledIntervalMs?: number;
}

/** The parent's job data: the batch, and once its children were added, the step it is waiting in. */
type ParentData = PlanJob & { step?: 'assemble' };
type Result = { stored: boolean } | GroupResult[];

/** Where child jobs are added: one Queue per processor, created on first use. */
function childQueue(deps: WorkerDeps): (() => Queue) & { close(): Promise<void> } {
  let q: Queue | null = null;
  const get = () => (q ??= new Queue(PLANNING_QUEUE, { connection: deps.connection, prefix: deps.prefix }));
  return Object.assign(get, { close: async () => void (await q?.close()) });
}

/** A child: plans one group and returns it (as JSON, read by the parent); reports the batch's progress. */
async function processGroup(deps: WorkerDeps, job: Job<GroupJob>, queue: () => Queue): Promise<GroupResult[]> {
  const parsed = GroupJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`bad job payload: ${parsed.error.issues[0].message}`);
  const result = await planStoredGroups(deps, parsed.data);
  if (job.parent) {
    // Progress of the whole batch: children finished so far (best effort, never fails the child).
    const parent = await queue()
      .getJob(job.parent.id ?? '')
      .catch(() => undefined);
    const counts = await parent?.getDependenciesCount({ processed: true, unprocessed: true }).catch(() => undefined);
    if (counts) {
      const total = (counts.processed ?? 0) + (counts.unprocessed ?? 0);
      const pct = 5 + Math.floor((((counts.processed ?? 0) + 1) / Math.max(1, total)) * 85);
      await setProgress(deps.db, parsed.data.batchId, Math.min(90, pct)).catch(() => undefined);
    }
  }
  return result;
}

/**
 * The job processor: a thin adapter from a BullMQ job to the planning use case. A big batch fans out:
 * the parent adds one child job per group (a BullMQ flow), waits for them, then assembles and stores
 * the plan once. A failed child is retried alone; the others' results stay.
 */
export function planProcessor(deps: WorkerDeps) {
  const queue = childQueue(deps);
  const processor = async (job: Job<PlanJob | GroupJob>, token?: string): Promise<Result> => {
    if (job.name === PLAN_GROUP) return processGroup(deps, job as Job<GroupJob>, queue);
    const parsed = PlanJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad job payload: ${parsed.error.issues[0].message}`);
    const data = parsed.data;
    const batch = await getBatch(deps.db, data.batchId);
    if (!batch) throw new UnrecoverableError(`batch ${data.batchId} does not exist`);
    const report = async (pct: number) => {
      await job.updateProgress(pct);
      await setProgress(deps.db, batch.id, pct);
    };
    const timer = jobDuration.startTimer();
    try {
      let stored: boolean;
      const step = (job.data as ParentData).step;
      if (step === 'assemble') {
        if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
        const values = await job.getChildrenValues<GroupResult[]>();
        await report(90);
        stored = await storeAssembledPlan(deps, data, Object.values(values).flat());
      } else {
        const canFanOut = Boolean(token && deps.connection && job.id);
        const prepared = canFanOut ? (await prepareStoredBatch(deps, data)).prepared : null;
        if (prepared && shouldFanOut(prepared, deps.fanOutMinWorkers ?? FAN_OUT_MIN_WORKERS)) {
          await report(5);
          const shares = shareGroups(
            prepared.groups.map((g) => ({ key: g.key, size: g.size })),
            deps.fanOutChildren ?? FAN_OUT_CHILDREN,
          );
          await queue().addBulk(
            shares.map((groupKeys, i) => ({
              name: PLAN_GROUP,
              data: { batchId: data.batchId, revision: data.revision, groupKeys },
              opts: {
                ...GROUP_JOB_OPTIONS,
                jobId: groupJobId(job.id!, i),
                parent: { id: job.id!, queue: job.queueQualifiedName },
              },
            })),
          );
          // Only once every child exists: a parent killed before this line fans out again (child ids are fixed, so no duplicates).
          await job.updateData({ ...data, step: 'assemble' } as ParentData);
          deps.log.info(
            { batchId: batch.id, revision: data.revision, groups: prepared.groups.length },
            'batch fanned out',
          );
          if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
          const values = await job.getChildrenValues<GroupResult[]>();
          stored = await storeAssembledPlan(deps, data, Object.values(values).flat());
        } else stored = await planStoredBatch(deps, data, report);
      }
      timer({ outcome: stored ? 'stored' : 'stale' });
      deps.log.info(
        { batchId: batch.id, revision: data.revision, stored, attempt: job.attemptsMade + 1 },
        stored ? 'batch planned' : 'stale revision skipped',
      );
      return { stored };
    } catch (e) {
      if (!(e instanceof WaitingChildrenError)) timer({ outcome: 'error' });
      throw e;
    }
  };
  return Object.assign(processor, { close: queue.close });
}

export function startPlanningWorker(deps: WorkerDeps): Worker<PlanJob | GroupJob> {
  const processor = planProcessor(deps);
  const worker = new Worker<PlanJob | GroupJob>(PLANNING_QUEUE, processor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency,
    lockDuration: deps.lockMs ?? 60_000,
    stalledInterval: deps.stalledIntervalMs ?? 30_000,
  });
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    jobFailures.inc({ final: String(final) });
    deps.log.warn(
      { batchId: job.data?.batchId, job: job.name, attempt: job.attemptsMade, final, err: err.message },
      'planning job failed',
    );
    if (final && job.data?.batchId)
      markFailed(deps.db, job.data.batchId, err.message).catch((e) =>
        deps.log.error({ err: e.message }, 'could not mark batch failed'),
      );
  });
  worker.on('error', (err) => deps.log.error({ err: err.message }, 'planning worker error'));
  worker.on('closed', () => void processor.close().catch(() => undefined));
  return worker;
}
