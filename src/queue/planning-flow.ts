import { performance } from 'node:perf_hooks';
import { Job, Queue, WaitingChildrenError } from 'bullmq';
import type IORedis from 'ioredis';
import {
  groupJobId,
  GroupResultsSchema,
  PLAN_GROUP,
  type GroupJob,
  type GroupResult,
  type ParentJob,
  type PlanJob,
} from '../contracts/jobs';
import { parseJobData } from './job-edge';
import { GROUP_JOB_OPTIONS, PLANNING_QUEUE } from './planning-queue';

/** How often a parent waiting in its own run looks at its next child. */
const CHILD_POLL_MS = 250;

/** A parent waiting in its own run stopped before every child was done: it goes on waiting in BullMQ instead. */
export class ChildrenPending extends Error {
  override name = 'ChildrenPending';
}

const idOf = (job: Job): string => {
  if (!job.id) throw new Error('a job without an id cannot be the parent of a flow');
  return job.id;
};

/**
 * The BullMQ flow of a fanned-out batch, written once: the parent adds one child job per share of groups,
 * records that it now waits in the 'assemble' step, and waits; resumed once every child is done (on any
 * process), it collects their results. A failed child is retried alone; the others' results stay.
 */
export function planningFlow(connection: IORedis, prefix: string) {
  let queue: Queue | null = null;
  const children = () => (queue ??= new Queue(PLANNING_QUEUE, { connection, prefix }));

  /** Adds the children (ids derived from the parent's: a repeated fan-out adds none) and marks the step. */
  async function addChildren(job: Job, plan: PlanJob, shares: readonly string[][]): Promise<void> {
    const parent = { id: idOf(job), queue: job.queueQualifiedName };
    await children().addBulk(
      shares.map((groupKeys, i) => ({
        name: PLAN_GROUP,
        data: { ...plan, groupKeys } satisfies GroupJob,
        opts: { ...GROUP_JOB_OPTIONS, jobId: groupJobId(parent.id, i), parent },
      })),
    );
    // Only once every child exists: a parent killed before this line fans out again (child ids are fixed).
    await job.updateData({ ...plan, step: 'assemble' } satisfies ParentJob);
  }

  /** Every child's group results, or WaitingChildrenError (the parent sleeps until they are done). */
  async function childResults(job: Job, token: string | undefined): Promise<GroupResult[]> {
    if (!token) throw new Error('a parent job waits for its children only with its lock token');
    if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
    // One child's value at a time (HSCAN pages of the parent's results), each let go once parsed: all of a million
    // workers' results read at once, beside their parsed copies and the batch, ran a runner out of heap.
    const results: GroupResult[] = [];
    const seen = new Set<string>();
    let cursor = 0;
    do {
      const page = await job.getDependencies({ processed: { cursor, count: 1 } });
      for (const [child, value] of Object.entries(page.processed ?? {})) {
        // A scan may return an entry twice.
        if (seen.has(child)) continue;
        seen.add(child);
        for (const r of parseJobData(GroupResultsSchema, value, 'child job result')) results.push(r);
      }
      cursor = Number(page.nextProcessedCursor ?? 0);
    } while (cursor !== 0);
    return results;
  }

  /**
   * In this run (the parent keeps its slot and its lock, renewed by the runner): each child's group results in child
   * order, as soon as that child is done. Throws ChildrenPending when a child has failed for good, `maxMs` have passed
   * or `stop` is aborted: the caller lets go of what it did with the parts and releases the parent to wait in BullMQ.
   * Fetched when asked for, not ahead: the caller asks while the server works on the part before (parsing beside the
   * writing of rows only slowed the writing). `busy(true)` once a part is there to store, `busy(false)` while the
   * next child is still planning.
   */
  async function* resultsInOrder(
    job: Job,
    count: number,
    maxMs: number,
    stop: AbortSignal,
    busy: (storing: boolean) => void = () => undefined,
  ): AsyncGenerator<GroupResult[]> {
    const until = performance.now() + maxMs;
    for (let i = 0; i < count; i++) {
      const id = groupJobId(idOf(job), i);
      for (;;) {
        if (stop.aborted) throw new ChildrenPending('the runner is closing');
        if (performance.now() >= until) throw new ChildrenPending(`child ${i} not done after ${maxMs} ms`);
        const state = await children().getJobState(id);
        if (state === 'completed') break;
        if (state === 'failed' || state === 'unknown') throw new ChildrenPending(`child ${i} is ${state}`);
        busy(false);
        await new Promise((r) => setTimeout(r, CHILD_POLL_MS));
      }
      busy(true);
      const child = await Job.fromId(children(), id);
      yield parseJobData(GroupResultsSchema, child?.returnvalue, 'child job result');
    }
  }

  /** For a child: its parent's children done counting this one, of how many (best effort: undefined). */
  async function childrenDone(job: Job): Promise<{ done: number; total: number } | undefined> {
    if (!job.parent) return undefined;
    const parent = await children()
      .getJob(job.parent.id ?? '')
      .catch(() => undefined);
    const counts = await parent?.getDependenciesCount({ processed: true, unprocessed: true }).catch(() => undefined);
    if (!counts) return undefined;
    const processed = counts.processed ?? 0;
    return { done: processed + 1, total: processed + (counts.unprocessed ?? 0) };
  }

  return { addChildren, resultsInOrder, childResults, childrenDone, close: async () => void (await queue?.close()) };
}
