import { UnrecoverableError, WaitingChildrenError, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import {
  GroupJobSchema,
  ParentJobSchema,
  PLAN_GROUP,
  PlanJobSchema,
  type GroupResult,
  type ParentJob,
  type PlanJob,
} from '../contracts/jobs';
import type { Logger } from '../logger';
import { jobDuration, jobFailures } from '../observability/metrics';
import type { Planning, PlanOutcome, StepOptions } from '../services/planning/planning';
import { UnavailableError } from '../errors';
import { parseJobData, toQueueError } from './job-edge';
import { ChildrenPending, planningFlow } from './planning-flow';
import { PLANNING_QUEUE } from './planning-queue';

export interface RunnerDeps {
  planning: Planning;
  connection: IORedis;
  prefix: string;
  concurrency: number;
  log: Logger;
  /**
   * Job lock, renewed while a job runs: a killed runner's job is retried once it expires. Keep above the
   * longest synchronous step.
   */
  lockMs?: number;
  /** How often stalled jobs (of killed runners) are looked for. */
  stalledIntervalMs?: number;
  /**
   * How long a fanned-out parent waits for its children in its own run, when this runner has a slot beside it for
   * them (concurrency ≥ 2): it stores each child's part of the plan as that child is done, with the batch it loaded
   * (instead of loading and grouping it again, about 25 s at a million workers, and storing the whole plan after the
   * last child). Past it, or when the runner closes, what it stored is rolled back and it is released to wait in
   * BullMQ.
   */
  assembleWaitMs?: number;
}

const ASSEMBLE_WAIT_MS = 15 * 60_000;

/** Whether this runner takes new jobs: held while a parent here has a child's part to store, let go when none has. */
export interface Intake {
  hold(): void;
  release(): void;
}

/**
 * Counts the parents of this runner with a part to store. A runner plans a child's pool in the thread its parents store
 * from, so a child taken then holds a part's writing up for the whole pool (1,000,000 workers: 7–9 s a part instead of
 * 3); held, the other runners take the children meanwhile. Held only while a part is there, never while a parent
 * waits, so that a runner alone still plans its own children.
 */
export function storingGate(intake: Intake) {
  const parents = new Set<string>();
  return (parent: string) => (busy: boolean) => {
    if (busy === parents.has(parent)) return;
    const was = parents.size;
    if (busy) parents.add(parent);
    else parents.delete(parent);
    if (!was) intake.hold();
    else if (!parents.size) intake.release();
  };
}

type Result = { stored: boolean } | GroupResult[];

/**
 * The job processor: parse the job, call the planning use case, return its result. A big batch fans out
 * as a BullMQ flow (planning-flow.ts): the parent's children plan shares of its groups, then the parent
 * assembles and stores the plan once.
 */
export function planProcessor(deps: RunnerDeps, intake: Intake = { hold: () => undefined, release: () => undefined }) {
  const flow = planningFlow(deps.connection, deps.prefix);
  const stopWaiting = new AbortController();
  const gate = storingGate(intake);

  /** A child: plans its share of groups and returns them (as JSON, read by the parent). */
  async function runShare(job: Job): Promise<GroupResult[]> {
    const data = parseJobData(GroupJobSchema, job.data, 'job payload');
    const results = await deps.planning.planShare(data);
    const place = await flow.childrenDone(job);
    if (place) await deps.planning.shareDone(data.batchId, place.done, place.total);
    return results;
  }

  /** The batch: planned here, or fanned out and then (now or when resumed) assembled from the children. */
  async function planOrAssemble(job: Job, data: ParentJob, token: string | undefined): Promise<PlanOutcome> {
    const plan: PlanJob = { batchId: data.batchId, revision: data.revision };
    const opts: StepOptions = { report: (pct) => job.updateProgress(pct) };
    if (data.step === 'assemble') return deps.planning.assemble(plan, await flow.childResults(job, token), opts);
    const first = await deps.planning.plan(plan, opts);
    if (first.kind !== 'fan-out') return first;
    await flow.addChildren(job, plan, first.shares);
    deps.log.info({ ...plan, groups: first.batch.groupKeys.length }, 'batch fanned out');
    if (deps.concurrency >= 2) {
      const waitMs = deps.assembleWaitMs ?? ASSEMBLE_WAIT_MS;
      const busy = gate(job.id ?? '');
      const parts = flow.resultsInOrder(job, first.shares.length, waitMs, stopWaiting.signal, busy);
      try {
        return await deps.planning.assembleAsTheyFinish(plan, first.batch, parts, opts);
      } catch (e) {
        if (!(e instanceof ChildrenPending)) throw e;
        deps.log.info({ ...plan, why: e.message }, 'parent released to wait for its children');
      } finally {
        busy(false);
      }
    }
    return deps.planning.assemble(plan, await flow.childResults(job, token), { ...opts, batch: first.batch });
  }

  async function runBatch(job: Job, token: string | undefined): Promise<Result> {
    const data = parseJobData(ParentJobSchema, job.data, 'job payload');
    const timer = jobDuration.startTimer();
    try {
      const { kind } = await planOrAssemble(job, data, token);
      timer({ outcome: kind });
      deps.log.info(
        { batchId: data.batchId, revision: data.revision, stored: kind === 'stored', attempt: job.attemptsMade + 1 },
        kind === 'stored' ? 'batch planned' : 'stale revision skipped',
      );
      return { stored: kind === 'stored' };
    } catch (e) {
      if (!(e instanceof WaitingChildrenError)) timer({ outcome: 'error' });
      throw e;
    }
  }

  const processor = async (job: Job, token?: string): Promise<Result> => {
    try {
      return job.name === PLAN_GROUP ? await runShare(job) : await runBatch(job, token);
    } catch (e) {
      throw toQueueError(e);
    }
  };
  return Object.assign(processor, { close: flow.close, stopWaiting: () => stopWaiting.abort() });
}

/** Waits between tries to record a final failure while PostgreSQL is away: doubling from the first to the last. */
const MARK_FAILED_RETRY_MS = { first: 500, max: 10_000 };

/**
 * Records a batch job's final failure on the batch, trying again while PostgreSQL is away (the failure may be
 * the outage itself) until it is stored, another error says retrying is pointless, or the runner closes. A runner that
 * dies first leaves it to the re-queue sweep, which finds the failed job in BullMQ.
 */
function failureRecorder(deps: RunnerDeps) {
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  function record(job: PlanJob, reason: string, waitMs = MARK_FAILED_RETRY_MS.first): void {
    deps.planning.markFailed(job, reason).then(
      (stored) => deps.log.info({ ...job, stored, err: reason }, stored ? 'batch marked failed' : 'batch moved on'),
      (e: Error) => {
        if (closed || !(e instanceof UnavailableError))
          return deps.log.error({ ...job, err: e.message }, 'could not mark batch failed');
        deps.log.warn({ ...job, err: e.message, retryInMs: waitMs }, 'could not mark batch failed yet; retrying');
        const t = setTimeout(() => {
          timers.delete(t);
          record(job, reason, Math.min(waitMs * 2, MARK_FAILED_RETRY_MS.max));
        }, waitMs);
        timers.add(t);
      },
    );
  }
  const close = () => {
    closed = true;
    timers.forEach(clearTimeout);
  };
  return { record, close };
}

const BatchOf = PlanJobSchema.pick({ batchId: true, revision: true });

/** Consumes the planning queue; a job that failed for good marks its batch failed with the error. */
export function startPlanningRunner(deps: RunnerDeps): Worker {
  const processor = planProcessor(deps, {
    hold: () => void runner.pause(true).catch(() => undefined),
    // A runner closing stays paused.
    release: () => void (runner.closing ? undefined : runner.resume().catch(() => undefined)),
  });
  const failures = failureRecorder(deps);
  const runner = new Worker(PLANNING_QUEUE, processor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency,
    lockDuration: deps.lockMs ?? 60_000,
    stalledInterval: deps.stalledIntervalMs ?? 30_000,
  });
  runner.on('failed', (job, err) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    jobFailures.inc({ final: String(final) });
    const batch = BatchOf.safeParse(job.data);
    const batchId: unknown = (job.data as { batchId?: unknown } | undefined)?.batchId;
    deps.log.warn(
      { batchId, job: job.name, attempt: job.attemptsMade, final, err: err.message },
      'planning job failed',
    );
    if (final && batch.success) failures.record(batch.data, err.message);
  });
  runner.on('error', (err) => deps.log.error({ err: err.message }, 'planning worker error'));
  // A parent waiting for its children in its own run lets go, so that closing does not wait for them.
  runner.on('closing', () => processor.stopWaiting());
  runner.on('closed', () => {
    failures.close();
    void processor.close().catch(() => undefined);
  });
  return runner;
}
