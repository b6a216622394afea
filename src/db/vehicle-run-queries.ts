import type { Database } from './database';
import { readNoticeRecipients, type NoticeRecipient } from './notice-queries';
import { readTrip, readTripsOnVehicles, type StoredTrip } from './plan-queries';

export interface DriverManifestData {
  trip: StoredTrip | undefined;
  /** The trip's own passengers, in row order. */
  recipients: NoticeRecipient[];
  /** Every other trip sharing one of the trip's buses, whether or not the reader may see it. */
  sharing: StoredTrip[];
  /** The passengers of the sharing trips `canSee` admits, by trip key then row; no one else's are read. */
  riders: NoticeRecipient[];
}

/**
 * What a trip's driver's manifest reads, in one snapshot (a plan edit committed in between cannot seat someone on
 * two trips of the answer): the trip and its passengers, and for its road legs that other trips share, those trips
 * and the passengers of the ones the reader may see. Nothing beyond the trip is read when `canSee` refuses it.
 */
export function readDriverManifestData(
  db: Database,
  tripId: string,
  canSee: (t: StoredTrip) => boolean,
): Promise<DriverManifestData> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const trip = await readTrip(tx, tripId);
      if (!trip || !canSee(trip)) return { trip, recipients: [], sharing: [], riders: [] };
      const labels = trip.legs.filter((l) => l.mode === 'bus' && l.vehicleLabel).map((l) => l.vehicleLabel!);
      const sharing = (await readTripsOnVehicles(tx, trip.batch_id, labels)).filter((t) => t.id !== trip.id);
      const seen = sharing.filter(canSee).map((t) => t.id);
      return {
        trip,
        recipients: await readNoticeRecipients(tx, { tripIds: [tripId] }),
        sharing,
        riders: await readNoticeRecipients(tx, { tripIds: seen }),
      };
    });
}
