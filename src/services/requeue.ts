import type { Queue } from 'bullmq';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { listUnqueued, markEnqueued, markFailed } from '../db/batches-repo';
import type { Logger } from '../logger';
import type { PlanJob } from '../contracts/jobs';
import { requeuePlan } from './planning/enqueue-plan';

export interface RequeueDeps {
  db: Database;
  clock: Clock;
  queue: Queue<PlanJob>;
  log: Logger;
  /** See listUnqueued. */
  staleMs?: number;
}

/** What one sweep did: batches handed to the queue, and batches marked failed after their last generation. */
export interface SweepResult {
  queued: number;
  failed: number;
}

/**
 * Hands to the queue every batch committed while Redis was unreachable, and every batch left queued or planning
 * without progress: its job lost (queued again under the same id) or ended without a plan (queued under the next
 * generation's id; when every generation has ended, the batch is marked failed with the last one's reason). A
 * batch whose job is still alive is only touched, so it is looked at again after another `staleMs`. Safe to run
 * from many processes at once: job ids are deterministic.
 */
export async function requeueUnqueued(deps: RequeueDeps): Promise<SweepResult> {
  const out: SweepResult = { queued: 0, failed: 0 };
  for (const b of await listUnqueued(deps.db, deps.clock.now(), deps.staleMs ?? 10 * 60_000)) {
    const job = { batchId: b.id, revision: b.revision };
    const r = await requeuePlan(deps.queue, job).catch((e: Error) => {
      deps.log.warn({ batchId: b.id, err: e.message }, 'batch not queued yet; the re-queue sweep will retry');
      return null;
    });
    if (!r) break; // Redis away: the next sweep tries again.
    if (r.kind === 'exhausted') {
      if (await markFailed(deps.db, b.id, b.revision, r.reason, deps.clock.now())) out.failed++;
      deps.log.warn({ ...job, jobId: r.jobId, err: r.reason }, 'batch failed: its planning jobs ended without a plan');
      continue;
    }
    await markEnqueued(deps.db, b.id, deps.clock.now());
    if (r.kind === 'queued') {
      out.queued++;
      deps.log.info({ ...job, jobId: r.jobId }, 're-queued batch');
    }
  }
  return out;
}

export function startRequeueLoop(deps: RequeueDeps, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    requeueUnqueued(deps)
      .catch((e) => deps.log.warn({ err: (e as Error).message }, 're-queue sweep failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
