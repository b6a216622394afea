import { Queue, type ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';
import { z } from 'zod';
import { withTimeout } from '../with-timeout';

export const PLANNING_QUEUE = 'planning';

/** The job payload is an id and a revision: PostgreSQL holds the batch itself. */
export const PlanJobSchema = z.object({ batchId: z.uuid(), revision: z.number().int().positive() });
export type PlanJob = z.infer<typeof PlanJobSchema>;

/** Job names: the batch (parent) and, for a fanned-out batch, one child per group. */
export const PLAN_BATCH = 'plan-batch';
export const PLAN_GROUP = 'plan-group';

/** A child job: a share of a batch revision's independent groups (origin county × destination × day). */
export const GroupJobSchema = PlanJobSchema.extend({ groupKeys: z.array(z.string().min(1)).min(1) });
export type GroupJob = z.infer<typeof GroupJobSchema>;

/** Child job ids derive from the parent's, so a re-run of the fan-out adds no second set of children. */
export const groupJobId = (parentId: string, index: number): string => `${parentId}-g${index}`;

/** Options of a child job: retried alone with backoff; its final failure fails the batch. */
export const GROUP_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  failParentOnFailure: true,
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/** A deterministic job id makes enqueueing idempotent: the same batch revision is queued at most once. */
export const planJobId = (j: PlanJob): string => `plan-${j.batchId}-r${j.revision}`;

export interface RedisSettings {
  url: string;
  prefix: string;
}

/**
 * A connection for producers. A command waits through at most one reconnection attempt; callers
 * bound the wait further with a timeout. (The offline queue stays on: BullMQ's start-up checks
 * need it when the queue is created before Redis answers.)
 */
export function producerConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
}

/**
 * The same connection for request-path commands (rate-limit counters, readiness ping) that must not wait
 * for reconnection: while Redis is away they fail at once instead of queueing for seconds per command,
 * so requests that do not need Redis keep their normal latency. Script loading still waits for the
 * connection, so a limiter set up before Redis answers starts working once it does.
 */
export function failFastWhenDisconnected(connection: IORedis): IORedis {
  const down = () =>
    Promise.reject(Object.assign(new Error('Connection is closed (Redis unreachable)'), { code: 'ECONNREFUSED' }));
  return new Proxy(connection, {
    get(target, prop, receiver) {
      if (prop === 'call') {
        return (command: string, ...args: unknown[]) =>
          target.status !== 'ready' && command.toUpperCase() !== 'SCRIPT'
            ? down()
            : (target.call as (c: string, ...a: unknown[]) => Promise<unknown>)(command, ...args);
      }
      if (prop === 'ping') return () => (target.status !== 'ready' ? down() : target.ping());
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** A connection for workers and event listeners: retries forever, as BullMQ requires for blocking commands. */
export function workerConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null });
}

export function createPlanningQueue(connection: ConnectionOptions, prefix: string): Queue<PlanJob> {
  return new Queue<PlanJob>(PLANNING_QUEUE, {
    connection,
    prefix,
    skipWaitingForReady: true,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
}

/** Adds the job, or fails within `timeoutMs` when Redis does not answer. */
export async function enqueuePlan(queue: Queue<PlanJob>, job: PlanJob, timeoutMs = 3000): Promise<void> {
  await withTimeout(queue.add(PLAN_BATCH, PlanJobSchema.parse(job), { jobId: planJobId(job) }), timeoutMs, 'Redis');
}
