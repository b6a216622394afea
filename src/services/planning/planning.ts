import { performance } from 'node:perf_hooks';
import type { GroupJob, GroupResult, PlanJob } from '../../contracts/jobs';
import { markFailed, setProgress } from '../../db/batches-repo';
import { loadShareWorkers } from '../../db/batch-workers-repo';
import { planGroup } from '../../domain/planning/group-plan';
import { assemblePlan } from '../../domain/planning/plan-assembly';
import { planPreparedAsync } from '../../domain/planning/plan-batch';
import { shareGroups } from '../../domain/planning/share-groups';
import { destAreaOf } from '../../domain/planning/grouping';
import type { Places } from '../../domain/reference/places';
import {
  contextFor,
  isCurrent,
  loadBatch,
  prepareRows,
  store,
  storeInParts,
  toStore,
  type BatchToStore,
} from './stored-batch';
import { FAN_OUT_CHILDREN, FAN_OUT_MIN_WORKERS, type PlanningDeps } from './planning-deps';

/** How a planning step ended: the plan stored, or nothing to do for a revision no longer current. */
export type PlanOutcome = { kind: 'stored' } | { kind: 'stale' };
/** The first step of a batch job: done, or split into shares of groups for child jobs. */
export type FirstStep = PlanOutcome | { kind: 'fan-out'; shares: string[][]; batch: BatchToStore };

/** Where a job's progress goes besides the batch row (the queue's own job progress). */
export interface StepOptions {
  report?: (pct: number) => Promise<unknown>;
}

const STALE: PlanOutcome = { kind: 'stale' };
const outcome = (stored: boolean): PlanOutcome => (stored ? { kind: 'stored' } : STALE);
/** The routing's wall-clock safety net (monotonic; never needed for a reproducible plan). */
const routingClock = { now: () => performance.now() };

/** A pool key is origin areas | destination areas | day (areas joined by +): the share loads their workers. */
function poolsOf(keys: readonly string[], places: Places) {
  const factories = places.factories;
  return keys.flatMap((key) => {
    const [originAreas, destAreas] = key.split('|').map((areas) => areas.split('+'));
    const factoryIds = factories.filter((f) => destAreas.includes(destAreaOf(f))).map((f) => f.id);
    for (const a of destAreas) if (a.startsWith('?')) factoryIds.push(a.slice(1));
    return originAreas.map((originArea) => ({ originArea, factoryIds }));
  });
}

/**
 * Checks group results against the batch's groups as they come, in one part or many: each result is one of the
 * batch's groups and comes once; `done` throws unless every group came.
 */
function groupsExpected(groupKeys: readonly string[]) {
  const missing = new Set(groupKeys);
  return {
    take(results: readonly GroupResult[]): void {
      for (const r of results)
        if (!missing.delete(r.key)) throw new Error(`group result ${r.key} is not one of the batch's, or twice`);
    },
    done(): void {
      if (missing.size) throw new Error(`group results do not match the batch: ${missing.size} groups missing`);
    },
  };
}

/**
 * The planning use case, in the steps a job runner calls. A batch is loaded and grouped once per run of a
 * job (assembling right after a fan-out reuses what `plan` loaded); distances are asked for once per job (a
 * batch planned in one job, or each child's share) and never to assemble. Progress runs 5 (loaded) → 90
 * (planned) → 100 (stored).
 */
export function createPlanning(deps: PlanningDeps) {
  const minWorkers = deps.fanOutMinWorkers ?? FAN_OUT_MIN_WORKERS;
  const progress = async (batchId: string, pct: number, opts: StepOptions = {}) => {
    await opts.report?.(pct);
    await setProgress(deps.db, batchId, pct, deps.clock.now());
  };

  /** Loads and groups the batch; plans and stores it here, or answers the shares to fan out. */
  async function plan(job: PlanJob, opts: StepOptions = {}): Promise<FirstStep> {
    if (!(await isCurrent(deps, job))) return STALE;
    const batch = await loadBatch(deps, job);
    await progress(job.batchId, 5, opts);
    const { groups, workers } = batch.prepared;
    if (groups.length >= 2 && workers.length >= minWorkers) {
      const sizes = groups.map((g) => ({ key: g.key, size: g.size }));
      return {
        kind: 'fan-out',
        shares: shareGroups(sizes, deps.fanOutChildren ?? FAN_OUT_CHILDREN),
        batch: toStore(batch),
      };
    }
    const ctx = await contextFor(deps, workers);
    let last = 5;
    const pending: Promise<unknown>[] = [];
    const planned = await planPreparedAsync(
      batch.prepared,
      ctx,
      (done, total) => {
        const pct = 5 + Math.floor((done / total) * 85);
        if (pct >= last + 5) pending.push(progress(job.batchId, (last = pct), opts));
      },
      1,
      routingClock,
    );
    await Promise.all(pending);
    await progress(job.batchId, 90, opts);
    return outcome(await store(deps, batch, planned));
  }

  /** A child job: loads only its share's counties × factories (plus whole families) and plans each group. */
  async function planShare(job: GroupJob): Promise<GroupResult[]> {
    const rows = await loadShareWorkers(deps.db, job.batchId, poolsOf(job.groupKeys, await deps.places()));
    const prepared = await prepareRows(deps, rows);
    const ctx = await contextFor(deps, prepared.workers);
    const groups = new Map(prepared.groups.map((g) => [g.key, g]));
    return job.groupKeys.map((key) => {
      const group = groups.get(key);
      return group ? planGroup(ctx, group, routingClock) : { key, trips: [], held: [] };
    });
  }

  /**
   * The parent of a fan-out: puts every child's group results together and stores the plan once. `batch`
   * is the one loaded by `plan` in the same run; a parent resumed later (on any process) loads it again.
   */
  async function assemble(
    job: PlanJob,
    results: readonly GroupResult[],
    opts: StepOptions & { batch?: BatchToStore } = {},
  ): Promise<PlanOutcome> {
    if (!(await isCurrent(deps, job))) return STALE;
    const batch = opts.batch ?? toStore(await loadBatch(deps, job));
    const expected = groupsExpected(batch.groupKeys);
    expected.take(results);
    expected.done();
    await progress(job.batchId, 90, opts);
    return outcome(await store(deps, batch, assemblePlan(batch.prepared, results)));
  }

  /**
   * The parent of a fan-out, in the run that fanned out: stores each child's part of the plan as soon as it comes
   * (children's results in child order), in one transaction committed after the last. A part source that throws
   * leaves nothing stored.
   */
  async function assembleAsTheyFinish(
    job: PlanJob,
    batch: BatchToStore,
    parts: AsyncIterable<readonly GroupResult[]>,
    opts: StepOptions = {},
  ): Promise<PlanOutcome> {
    if (!(await isCurrent(deps, job))) return STALE;
    const expected = groupsExpected(batch.groupKeys);
    async function* checked() {
      for await (const results of parts) {
        expected.take(results);
        yield results;
      }
      expected.done();
      await progress(job.batchId, 90, opts);
    }
    return outcome(await storeInParts(deps, batch, checked()));
  }

  return {
    plan,
    planShare,
    assemble,
    assembleAsTheyFinish,
    /** A child finished: `done` of the batch's `total` children are planned (best effort, never fails). */
    shareDone: (batchId: string, done: number, total: number): Promise<void> =>
      progress(batchId, Math.min(90, 5 + Math.floor((done / Math.max(1, total)) * 85))).catch(() => undefined),
    /**
     * The job failed for good: the batch revision shows the error, unless it is planned or revised meanwhile.
     * Rejects (retryable) while PostgreSQL is away: the caller tries again.
     */
    markFailed: (job: PlanJob, error: string): Promise<boolean> =>
      markFailed(deps.db, job.batchId, job.revision, error, deps.clock.now()),
  };
}

export type Planning = ReturnType<typeof createPlanning>;
export type { DistanceSource, PlanningDeps } from './planning-deps';
export { FAN_OUT_CHILDREN, FAN_OUT_MIN_WORKERS } from './planning-deps';
