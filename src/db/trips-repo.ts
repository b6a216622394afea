import { inList } from './in-list';
import type { Tx } from './unit-of-work';

/** Locks a trip against moves and re-planning (or unlocks it). */
export async function setTripLocked(tx: Tx, tripId: string, locked: boolean): Promise<void> {
  await tx.updateTable('trips').set({ locked }).where('id', '=', tripId).execute();
}

/** Deletes trips; their passengers' seats go with them (ON DELETE CASCADE). */
export async function deleteTrips(tx: Tx, tripIds: readonly string[]): Promise<void> {
  if (!tripIds.length) return;
  await tx
    .deleteFrom('trips')
    .where((eb) => inList(eb, 'id', tripIds))
    .execute();
}

/** Takes workers out of whatever seats they hold. */
export async function unseat(tx: Tx, workerIds: readonly string[]): Promise<void> {
  if (!workerIds.length) return;
  await tx
    .deleteFrom('trip_passengers')
    .where((eb) => inList(eb, 'worker_id', workerIds))
    .execute();
}

/** Whether any arrival has been confirmed for the trip. */
export async function tripHasArrivals(tx: Tx, tripId: string): Promise<boolean> {
  const hit = await tx.selectFrom('arrivals').select('worker_id').where('trip_id', '=', tripId).executeTakeFirst();
  return hit !== undefined;
}
