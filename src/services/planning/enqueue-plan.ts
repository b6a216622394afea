import type { Queue } from 'bullmq';
import { PLAN_BATCH, planJobId, PlanJobSchema, type PlanJob } from '../../contracts/jobs';
import { withTimeout } from '../../with-timeout';

/**
 * Hands a batch revision to the planning queue under its deterministic job id (the same revision is queued
 * at most once), or fails within `timeoutMs` when Redis does not answer.
 */
export async function enqueuePlan(queue: Queue<PlanJob>, job: PlanJob, timeoutMs = 3000): Promise<void> {
  await withTimeout(queue.add(PLAN_BATCH, PlanJobSchema.parse(job), { jobId: planJobId(job) }), timeoutMs, 'Redis');
}
