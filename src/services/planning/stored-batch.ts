import { getBatch } from '../../db/batches-repo';
import { loadBatchWorkers, toPlanWorker, type PlanningWorkerRow } from '../../db/batch-workers-repo';
import { storePlan, storePlanInParts, type PlanPart } from '../../db/plans-repo';
import { loadOffersForPlanning } from '../../db/offers-repo';
import type { PlanJob } from '../../contracts/jobs';
import { prepareBatch, type GroupResult, type PreparedBatch } from '../../domain/planning/group-plan';
import { planAssembler } from '../../domain/planning/plan-assembly';
import type { PlanContext, PlanWorker } from '../../domain/planning/plan-input';
import type { Plan } from '../../domain/planning/plan-schema';
import { NotFoundError } from '../../errors';
import { writeContextFor, type SubsidyPerson } from '../subsidy-estimates';
import type { PlanningDeps } from './planning-deps';

/**
 * A batch revision loaded and grouped once, handed through the steps of one job: the fan-out decision,
 * planning, assembly and the store. Grouping needs no distances, so none are asked for here.
 */
export interface LoadedBatch {
  job: PlanJob;
  prepared: PreparedBatch;
  /**
   * The registered-poor workers, for the subsidy estimates written with the plan (the rest of what they need is in
   * the prepared workers): the stored rows themselves are not kept while children plan and the plan is stored.
   */
  registeredPoor: ReadonlySet<string>;
}

/** What the plan's store needs of each worker: who they are, for the subsidy estimate. */
export type WorkerToStore = Pick<PlanWorker, 'id' | 'countyCode' | 'factoryId'>;

/**
 * What storing a fanned-out batch's plan needs of it: its workers (only what the store reads), those held before
 * planning and its groups' keys. A parent holds it while its children plan and it stores their parts: the whole
 * prepared batch (travel units, coordinates, villages) is several times the heap to keep, and to mark, meanwhile.
 */
export interface BatchToStore extends Omit<LoadedBatch, 'prepared'> {
  prepared: { workers: readonly WorkerToStore[]; held: PreparedBatch['held'] };
  groupKeys: readonly string[];
}

export const toStore = ({ job, prepared, registeredPoor }: LoadedBatch): BatchToStore => ({
  job,
  prepared: {
    workers: prepared.workers.map(({ id, countyCode, factoryId }) => ({ id, countyCode, factoryId })),
    held: prepared.held,
  },
  groupKeys: prepared.groups.map((g) => g.key),
  registeredPoor,
});

/**
 * Whether the job's revision is still the one to plan: the batch exists (else a non-retryable error),
 * has this revision, and is not planned or failed yet. `storePlan` checks again under the row lock.
 */
export async function isCurrent(deps: Pick<PlanningDeps, 'db'>, job: PlanJob): Promise<boolean> {
  const batch = await getBatch(deps.db, job.batchId);
  if (!batch) throw new NotFoundError(`batch ${job.batchId}`);
  return batch.revision === job.revision && (batch.status === 'queued' || batch.status === 'planning');
}

/** Groups stored rows (held before planning: pre-held, families too big for any bus). */
export const prepareRows = async (
  deps: Pick<PlanningDeps, 'policies' | 'places'>,
  rows: readonly PlanningWorkerRow[],
): Promise<PreparedBatch> =>
  prepareBatch(rows.map(toPlanWorker), { config: deps.policies.planner, places: await deps.places() });

export async function loadBatch(
  deps: Pick<PlanningDeps, 'db' | 'policies' | 'places'>,
  job: PlanJob,
): Promise<LoadedBatch> {
  const rows = await loadBatchWorkers(deps.db, job.batchId);
  const registeredPoor = new Set(rows.flatMap((r) => (r.registered_poor ? [r.id] : [])));
  return { job, prepared: await prepareRows(deps, rows), registeredPoor };
}

/** Offers the workers' counties imported, departing from the first earliest departure to past the last's window. */
async function offersFor(deps: PlanningDeps, workers: readonly PlanWorker[]) {
  if (!workers.length) return [];
  let first = Infinity,
    last = -Infinity;
  for (const w of workers) {
    const t = Date.parse(w.earliestDeparture);
    [first, last] = [Math.min(first, t), Math.max(last, t)];
  }
  const days = deps.policies.planner.modeChoice.poolWindowDays + 3;
  const from = new Date(first - 86_400_000);
  const to = new Date(last + days * 86_400_000);
  const countyCodes = [...new Set(workers.map((w) => w.countyCode))].sort();
  return loadOffersForPlanning(deps.db, { countyCodes, from, to, at: deps.clock.now() });
}

/** The planner's context for one job's workers: its one distance request happens here. */
export async function contextFor(deps: PlanningDeps, workers: readonly PlanWorker[]): Promise<PlanContext> {
  const places = await deps.places();
  const { planner, health } = deps.policies;
  const bearers = deps.policies.subsidy.bearers;
  const offers = await offersFor(deps, workers);
  return { places, config: planner, health, bearers, offers, distance: await deps.distance(workers, places) };
}

/** What the subsidy estimates need of each prepared worker. */
const personOf = (batch: Pick<LoadedBatch, 'registeredPoor'>, w: WorkerToStore): SubsidyPerson => ({
  id: w.id,
  county_code: w.countyCode,
  factory_id: w.factoryId,
  registered_poor: batch.registeredPoor.has(w.id),
});

/** Subsidy estimates and the one-transaction store. False for a revision gone stale meanwhile. */
export async function store(deps: PlanningDeps, batch: Omit<BatchToStore, 'groupKeys'>, plan: Plan): Promise<boolean> {
  const people = batch.prepared.workers.map((w) => personOf(batch, w));
  const write = writeContextFor(
    plan.trips,
    people,
    await deps.places(),
    deps.policies.subsidy,
    deps.policies.planner.utcOffsetMin,
  );
  const { batchId, revision } = batch.job;
  return storePlan(deps.db, { batchId, revision, plan, ...write, now: deps.clock.now() });
}

/**
 * The store of a plan whose group results come a part at a time (in group-key order): each part is numbered as the
 * whole plan would be and written with its subsidy estimates as it comes, in one transaction (`storePlanInParts`).
 */
export async function storeInParts(
  deps: PlanningDeps,
  batch: Omit<BatchToStore, 'groupKeys'>,
  parts: AsyncIterable<readonly GroupResult[]>,
): Promise<boolean> {
  const places = await deps.places();
  const { subsidy, planner } = deps.policies;
  const workers = new Map(batch.prepared.workers.map((w) => [w.id, w]));
  const assembler = planAssembler(batch.prepared);
  async function* planParts(): AsyncGenerator<PlanPart> {
    for await (const results of parts) {
      const trips = assembler.add(results);
      const people = trips.flatMap((t) => t.passengers.map((p) => personOf(batch, workers.get(p.workerId)!)));
      yield { trips, context: writeContextFor(trips, people, places, subsidy, planner.utcOffsetMin) };
    }
  }
  const { batchId, revision } = batch.job;
  return storePlanInParts(deps.db, {
    batchId,
    revision,
    parts: planParts(),
    held: () => assembler.held(),
    now: () => deps.clock.now(),
  });
}
