import type { Clock } from '../clock';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import { insertTrips, markHeld, refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import type { DB } from '../db/schema';
import { loadTripsForUpdate, nextTripNumber } from '../db/trip-loader';
import { greatCircleProvider } from '../domain/geo/distance';
import { placeWorkers, type Placement } from '../domain/planning/place-workers';
import type { Places } from '../domain/reference/places';
import type { Policies } from '../reference/load-fixtures';
import { toPlanWorker } from './plan-stored-batch';
import { tripWriteContext } from './subsidy-estimates';

export interface PlacementDeps {
  db: Database;
  places: () => Promise<Places>;
  policies: Policies;
  clock: Clock;
}

/**
 * Inside the caller's transaction (batch row locked): places `workerIds` into the planned batch without
 * touching departed trips or anyone else's seat, and stores the result.
 */
export async function placeIntoPlannedBatch(
  deps: PlacementDeps,
  tx: Transaction<DB>,
  batchId: string,
  workerIds: string[],
): Promise<Placement> {
  const now = deps.clock.now();
  const places = await deps.places();
  const { planner, health, subsidy } = deps.policies;
  const ctx = { places, config: planner, health, distance: greatCircleProvider(planner.detourFactor) };
  const existing = await loadTripsForUpdate(tx, batchId, now);
  const rows = workerIds.length
    ? await tx
        .selectFrom('batch_workers')
        .selectAll()
        .where('id', 'in', workerIds)
        .where('batch_id', '=', batchId)
        .execute()
    : [];
  const placement = placeWorkers(existing, rows.map(toPlanWorker), ctx, nextTripNumber(existing));
  const write = await tripWriteContext(tx, [...placement.changed, ...placement.added], places, subsidy);
  const idOf = new Map(existing.map((e) => [e.trip.key, e.id]));
  for (const t of placement.changed) await rewriteTrip(tx, batchId, idOf.get(t.key)!, t, write);
  await insertTrips(tx, batchId, placement.added, write);
  await markHeld(tx, placement.held);
  await refreshBatchCounts(tx, batchId);
  return placement;
}
