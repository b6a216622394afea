import type { Queue } from 'bullmq';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { listUnqueued } from '../db/batches-repo';
import type { Logger } from '../logger';
import type { PlanJob } from '../contracts/jobs';
import { tryEnqueue } from './submit-batch';

export interface RequeueDeps {
  db: Database;
  clock: Clock;
  queue: Queue<PlanJob>;
  log: Logger;
  /** See listUnqueued. */
  staleMs?: number;
}

/**
 * Queues every batch that was committed while Redis was unreachable. Safe to run from many processes: job
 * ids are deterministic.
 */
export async function requeueUnqueued(deps: RequeueDeps): Promise<number> {
  let queued = 0;
  for (const b of await listUnqueued(deps.db, deps.clock.now(), deps.staleMs ?? 10 * 60_000)) {
    if (!(await tryEnqueue(deps, { batchId: b.id, revision: b.revision }))) break;
    queued++;
  }
  if (queued) deps.log.info({ queued }, 're-queued batches that had not reached the queue');
  return queued;
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
