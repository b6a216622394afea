import type { Principal } from '../auth/api-keys';
import type { MoveTarget, MoveTargetsAnswer } from '../contracts/move-targets';
import type { LoadedTrip } from '../db/trip-loader';
import { inTransaction } from '../db/unit-of-work';
import type { Mover } from '../domain/planning/plan-edits';
import { hasLeft } from '../domain/planning/trip-status';
import { NotFoundError } from '../errors';
import { assertNotLeft, lockPlannedTrips, moversOf, tryMove } from './edit-plan';
import type { PlacementDeps } from './place-workers';

const shareOf = (t: { passengers: readonly { workerId: string; costShareFen: number }[] }, id: string) =>
  t.passengers.find((p) => p.workerId === id)?.costShareFen ?? 0;

/** What moving `movers` from `from` to `to` would change, or null when the move would be refused. */
function targetOf(
  deps: PlacementDeps,
  places: Parameters<typeof tryMove>[1],
  workerId: string,
  from: LoadedTrip,
  to: LoadedTrip,
  movers: readonly Mover[],
): MoveTarget | null {
  // A departed or arrived trip is no target: the move would throw trip_departed for it.
  if (to.id === from.id || hasLeft(to.status)) return null;
  const out = tryMove(deps, places, from, to, movers);
  if (!out.ok) return null;
  return {
    tripId: to.id,
    tripKey: to.trip.key,
    seatsFree: Math.max(0, to.trip.capacity - to.trip.passengers.length),
    toCostFen: { before: to.trip.costFen, after: out.to.costFen },
    fromCostFen: { before: from.trip.costFen, after: out.from?.costFen ?? null },
    shareFen: { before: shareOf(from.trip, workerId), after: shareOf(out.to, workerId) },
  };
}

const planChange = (t: MoveTarget): number =>
  (t.toCostFen.after ?? 0) - t.toCostFen.before + (t.fromCostFen.after ?? 0) - t.fromCostFen.before;

/**
 * The trips a passenger of a planned batch may be moved to, each with its cost change, by trying the move
 * itself (`tryMove`) against every trip without writing anything: a target offered is a move that succeeds.
 * A passenger on a departed or arrived trip answers trip_departed, like the move.
 */
export async function moveTargets(
  deps: PlacementDeps,
  p: Principal,
  batchId: string,
  workerId: string,
): Promise<MoveTargetsAnswer> {
  return inTransaction(deps.db, async (tx) => {
    // Read under the same locks as an edit, so the answer is the plan a move made now would meet.
    const trips = await lockPlannedTrips(deps, tx, p, batchId);
    const from = trips.find((t) => t.trip.passengers.some((x) => x.workerId === workerId));
    if (!from) throw new NotFoundError('passenger');
    assertNotLeft(from);
    const movers = await moversOf(tx, batchId, workerId, from);
    const places = await deps.places();
    const targets = trips
      .map((to) => targetOf(deps, places, workerId, from, to, movers))
      .filter((t): t is MoveTarget => t !== null)
      .sort((a, b) => planChange(a) - planChange(b) || a.tripKey.localeCompare(b.tripKey));
    return { workerId, fromTripId: from.id, movers: movers.map((m) => m.workerId), targets };
  });
}
