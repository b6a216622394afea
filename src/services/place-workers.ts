import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { workersOf } from '../db/plan-edits-repo';
import { insertTrips, markHeld, refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import { loadTripsForUpdate, nextTripNumber } from '../db/trip-loader';
import type { Tx } from '../db/unit-of-work';
import { greatCircleProvider } from '../domain/geo/distance';
import type { PlanContext } from '../domain/planning/plan-input';
import { placeWorkers, type Placement } from '../domain/planning/place-workers';
import type { Places } from '../domain/reference/places';
import type { Policies } from '../reference/load-fixtures';
import { toPlanWorker } from '../db/batch-workers-repo';
import { tripWriteContext } from './subsidy-estimates';

export interface PlacementDeps {
  db: Database;
  places: () => Promise<Places>;
  policies: Policies;
  clock: Clock;
}

/** What the planning core needs to change a stored plan: places, rules, great-circle distances. */
export function editContext(deps: PlacementDeps, places: Places): PlanContext {
  const { planner, health } = deps.policies;
  const bearers = deps.policies.subsidy.bearers;
  return { places, config: planner, health, bearers, distance: greatCircleProvider(planner.detourFactor) };
}

/**
 * Inside the caller's transaction (batch row locked): places `workerIds` into the planned batch without
 * touching departed trips or anyone else's seat, and stores the result.
 */
export async function placeIntoPlannedBatch(
  deps: PlacementDeps,
  tx: Tx,
  batchId: string,
  workerIds: readonly string[],
): Promise<Placement> {
  const now = deps.clock.now();
  const places = await deps.places();
  const existing = await loadTripsForUpdate(tx, batchId, now);
  const newcomers = (await workersOf(tx, batchId, workerIds)).map(toPlanWorker);
  const placement = placeWorkers(existing, newcomers, editContext(deps, places), nextTripNumber(existing));
  const write = await tripWriteContext(
    tx,
    [...placement.changed, ...placement.added],
    places,
    deps.policies.subsidy,
    deps.policies.planner.utcOffsetMin,
  );
  const idOf = new Map(existing.map((e) => [e.trip.key, e.id]));
  for (const t of placement.changed) await rewriteTrip(tx, batchId, idOf.get(t.key)!, t, write);
  await insertTrips(tx, batchId, placement.added, write);
  await markHeld(tx, placement.held);
  await refreshBatchCounts(tx, batchId, now);
  return placement;
}
