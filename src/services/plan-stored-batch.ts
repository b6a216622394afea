import { performance } from 'node:perf_hooks';
import type { Database } from '../db/database';
import { setProgress } from '../db/batches-repo';
import { storePlan } from '../db/plans-repo';
import type { WorkerDbRow } from '../db/schema';
import { greatCircleProvider, type DistanceProvider } from '../domain/geo/distance';
import { osrmMatrixProvider } from '../domain/geo/osrm-provider';
import {
  assemblePlan,
  planGroup,
  prepareBatch,
  type GroupResult,
  type PreparedBatch,
} from '../domain/planning/group-plan';
import { planBatchAsync } from '../domain/planning/plan-batch';
import type { PlanContext, PlanWorker } from '../domain/planning/plan-input';
import type { Plan } from '../domain/planning/plan-schema';
import type { Places } from '../domain/reference/places';
import type { Policies } from '../reference/load-fixtures';
import type { GroupJob, PlanJob } from '../queue/planning-queue';
import { writeContextFor } from './subsidy-estimates';

export interface PlanningDeps {
  db: Database;
  places: () => Promise<Places>;
  policies: Policies;
  /** Distances for the planner; default great-circle × detour. May be prepared per group (an OSRM matrix). */
  distance?: DistanceProvider | ((workers: readonly PlanWorker[], places: Places) => Promise<DistanceProvider>);
}

/**
 * Batches at least this big with at least two groups fan out into one child job per group; smaller
 * ones are planned in one job (the queue round trips would cost more than they save).
 */
export const FAN_OUT_MIN_WORKERS = 2000;
/** Child jobs per fanned-out batch: enough to keep many worker processes busy, few enough that job overhead stays small. */
export const FAN_OUT_CHILDREN = 24;

export const toPlanWorker = (w: WorkerDbRow): PlanWorker => ({
  id: w.id,
  countyCode: w.county_code,
  village: w.village,
  lon: w.lon,
  lat: w.lat,
  factoryId: w.factory_id,
  healthCode: w.health_code,
  healthCodeProvince: w.health_code_province,
  nucleicTestAt: w.nucleic_test_at?.toISOString() ?? null,
  earliestDeparture: w.earliest_departure.toISOString(),
  familyId: w.family_id,
  preHeld:
    w.hold_code === 'already-planned'
      ? { code: 'already-planned', reason: w.hold_reason ?? 'already planned in another batch' }
      : undefined,
});

/**
 * Road distances from an OSRM server: one `table` request per planning job (a group in a fan-out) over the
 * workers' villages, their factories and the hubs; everything else great-circle × detour.
 */
export function osrmDistance(baseUrl: string, detour: { road: number; rail: number }) {
  return async (workers: readonly PlanWorker[], places: Places): Promise<DistanceProvider> => {
    const factories = new Set(workers.map((w) => w.factoryId));
    const points = [...workers, ...places.factories.filter((f) => factories.has(f.id)), ...places.hubs];
    return osrmMatrixProvider(baseUrl, points, greatCircleProvider(detour));
  };
}

async function contextFor(deps: PlanningDeps, workers: readonly PlanWorker[]): Promise<PlanContext> {
  const places = await deps.places();
  const { planner, health } = deps.policies;
  const d = deps.distance;
  const distance =
    typeof d === 'function' ? await d(workers, places) : (d ?? greatCircleProvider(planner.detourFactor));
  return { places, config: planner, health, distance };
}

async function loadWorkers(deps: PlanningDeps, batchId: string): Promise<WorkerDbRow[]> {
  return deps.db.selectFrom('batch_workers').selectAll().where('batch_id', '=', batchId).orderBy('row_no').execute();
}

/** The batch's workers and its independent groups, to decide whether to fan out. */
export async function prepareStoredBatch(
  deps: PlanningDeps,
  job: PlanJob,
): Promise<{ rows: WorkerDbRow[]; prepared: PreparedBatch }> {
  const rows = await loadWorkers(deps, job.batchId);
  const workers = rows.map(toPlanWorker);
  return { rows, prepared: prepareBatch(workers, await contextFor(deps, workers)) };
}

export const shouldFanOut = (p: PreparedBatch, minWorkers = FAN_OUT_MIN_WORKERS): boolean =>
  p.groups.length >= 2 && p.workers.length >= minWorkers;

/** Plans a child job's groups: loads only their counties × factories (plus whole families), plans each group. */
export async function planStoredGroups(deps: PlanningDeps, job: GroupJob): Promise<GroupResult[]> {
  const pairs = new Set(job.groupKeys.map((k) => k.split('|').slice(0, 2).join('|')));
  const counties = [...new Set([...pairs].map((p) => p.split('|')[0]))];
  const rows = (
    await deps.db
      .selectFrom('batch_workers')
      .selectAll()
      .where('batch_id', '=', job.batchId)
      .where('county_code', 'in', counties)
      .orderBy('row_no')
      .execute()
  ).filter((r) => pairs.has(`${r.county_code}|${r.factory_id}`));
  // Whole families, even where a member is registered elsewhere: the unit (and its group) is the family's.
  const families = [...new Set(rows.flatMap((r) => (r.family_id ? [r.family_id] : [])))];
  const seen = new Set(rows.map((r) => r.id));
  for (let i = 0; i < families.length; i += 5000) {
    const more = await deps.db
      .selectFrom('batch_workers')
      .selectAll()
      .where('batch_id', '=', job.batchId)
      .where('family_id', 'in', families.slice(i, i + 5000))
      .execute();
    for (const r of more) if (!seen.has(r.id)) (seen.add(r.id), rows.push(r));
  }
  const workers = rows.map(toPlanWorker);
  const ctx = await contextFor(deps, workers);
  const groups = new Map(prepareBatch(workers, ctx).groups.map((g) => [g.key, g]));
  return job.groupKeys.map((key) => {
    const group = groups.get(key);
    return group ? planGroup(ctx, group, { now: () => performance.now() }) : { key, trips: [], held: [] };
  });
}

/** Subsidy estimates and the one-transaction store. Returns false for a stale revision. */
async function store(deps: PlanningDeps, job: PlanJob, rows: WorkerDbRow[], plan: Plan): Promise<boolean> {
  const write = writeContextFor(plan.trips, rows, await deps.places(), deps.policies.subsidy);
  return storePlan(deps.db, { batchId: job.batchId, revision: job.revision, plan, ...write });
}

/** The parent of a fan-out: puts the children's group plans together and stores the plan once. */
export async function storeAssembledPlan(
  deps: PlanningDeps,
  job: PlanJob,
  results: readonly GroupResult[],
): Promise<boolean> {
  const { rows, prepared } = await prepareStoredBatch(deps, job);
  const expected = new Set(prepared.groups.map((g) => g.key));
  const got = new Set(results.map((r) => r.key));
  if (got.size !== results.length || expected.size !== got.size || [...expected].some((k) => !got.has(k))) {
    throw new Error(`group results do not match the batch: expected ${expected.size} groups, got ${results.length}`);
  }
  return store(deps, job, rows, assemblePlan(prepared, results));
}

/** The planning use case in one job: load the batch, plan it, store the plan once. Returns false for a stale revision. */
export async function planStoredBatch(
  deps: PlanningDeps,
  job: PlanJob,
  report: (pct: number) => Promise<void>,
): Promise<boolean> {
  const rows = await loadWorkers(deps, job.batchId);
  await setProgress(deps.db, job.batchId, 5);
  await report(5);
  const workers = rows.map(toPlanWorker);
  const ctx = await contextFor(deps, workers);
  let last = 5;
  const pending: Promise<void>[] = [];
  const plan = await planBatchAsync(
    workers,
    ctx,
    (done, total) => {
      const pct = 5 + Math.floor((done / total) * 85);
      if (pct >= last + 5) {
        last = pct;
        pending.push(report(pct));
      }
    },
    1,
    { now: () => performance.now() },
  );
  await Promise.all(pending);
  await report(90);
  return store(deps, job, rows, plan);
}
