import type { Job, Queue } from 'bullmq';
import { PLAN_BATCH, planJobId, PlanJobSchema, type PlanJob } from '../../contracts/jobs';
import { withTimeout } from '../../with-timeout';

/**
 * Hands a batch revision to the planning queue under its deterministic job id (the same revision is queued
 * at most once), or fails within `timeoutMs` when Redis does not answer.
 */
export async function enqueuePlan(queue: Queue<PlanJob>, job: PlanJob, timeoutMs = 3000): Promise<void> {
  await withTimeout(addGeneration(queue, job, 1), timeoutMs, 'Redis');
}

/**
 * Job ids of one batch revision: the first is `planJobId`; a revision whose job ended without a stored plan
 * (its last attempt failed while PostgreSQL was away, say) is queued again as generation 2, 3 … under
 * `<id>-a<n>`, since BullMQ ignores a job id it still keeps. At most this many generations.
 */
export const PLAN_GENERATIONS = 4;

export const planGenerationId = (job: PlanJob, generation: number): string =>
  generation === 1 ? planJobId(job) : `${planJobId(job)}-a${generation}`;

const addGeneration = (queue: Queue<PlanJob>, job: PlanJob, generation: number) =>
  queue.add(PLAN_BATCH, PlanJobSchema.parse(job), { jobId: planGenerationId(job, generation) });

/** What the re-queue sweep did with a batch revision that is not planned yet. */
export type Requeued =
  | { kind: 'queued'; jobId: string }
  /** Its latest job still waits, runs or is delayed for a retry: nothing to do. */
  | { kind: 'alive'; jobId: string }
  /** Every generation ended without a plan: the last one's failure is the batch's. */
  | { kind: 'exhausted'; jobId: string; reason: string };

const ENDED = new Set(['completed', 'failed', 'unknown']);

async function latestGeneration(queue: Queue<PlanJob>, job: PlanJob): Promise<{ n: number; job: Job } | null> {
  const ids = Array.from({ length: PLAN_GENERATIONS }, (_, i) => planGenerationId(job, i + 1));
  const found = await Promise.all(ids.map((id) => queue.getJob(id)));
  for (let i = found.length - 1; i >= 0; i--) if (found[i]) return { n: i + 1, job: found[i]! };
  return null;
}

/**
 * Queues a batch revision that should be planning but is not: under its first job id when Redis has none (never
 * queued, or lost), under the next generation's id when the latest job has ended (failed or completed) without a
 * stored plan. Idempotent for concurrent sweeps: they compute the same id and BullMQ adds it once.
 */
export async function requeuePlan(queue: Queue<PlanJob>, job: PlanJob, timeoutMs = 3000): Promise<Requeued> {
  return withTimeout(
    (async (): Promise<Requeued> => {
      const latest = await latestGeneration(queue, job);
      if (!latest) {
        await addGeneration(queue, job, 1);
        return { kind: 'queued', jobId: planGenerationId(job, 1) };
      }
      const jobId = planGenerationId(job, latest.n);
      if (!ENDED.has(await latest.job.getState())) return { kind: 'alive', jobId };
      if (latest.n >= PLAN_GENERATIONS)
        return { kind: 'exhausted', jobId, reason: latest.job.failedReason || 'planning ended without a plan' };
      await addGeneration(queue, job, latest.n + 1);
      return { kind: 'queued', jobId: planGenerationId(job, latest.n + 1) };
    })(),
    timeoutMs,
    'Redis',
  );
}
