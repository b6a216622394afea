import { Queue, type ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';
import type { PlanJob } from '../contracts/jobs';

/** The payload types live in the job registry (src/contracts/jobs.ts); re-exported for older importers. */
export type { PlanJob } from '../contracts/jobs';

export const PLANNING_QUEUE = 'planning';

/** Options of a child job: retried alone with backoff; its final failure fails the batch. */
export const GROUP_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  failParentOnFailure: true,
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

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

/** A connection for runners and event listeners: retries forever, as BullMQ requires for blocking commands. */
export function runnerConnection(url: string): IORedis {
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
