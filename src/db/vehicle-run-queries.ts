import { sql } from 'kysely';
import { parseStored, StoredLegsSchema } from '../contracts/stored-plan';
import type { Database } from './database';
import { readNoticeRecipients, type NoticeRecipient } from './notice-queries';
import type { StoredTrip } from './plan-queries';

/** The other trips of a batch holding a leg with one of `labels` (the slices of a pooled vehicle), in trip order. */
async function tripsSharing(db: Database, trip: StoredTrip, labels: readonly string[]): Promise<StoredTrip[]> {
  if (!labels.length) return [];
  const rows = await db
    .selectFrom('trips')
    .selectAll()
    .where('batch_id', '=', trip.batch_id)
    .where('id', '<>', trip.id)
    .where((eb) => eb.or(labels.map((l) => sql<boolean>`legs @> ${JSON.stringify([{ vehicleLabel: l }])}::jsonb`)))
    .orderBy('key')
    .execute();
  return rows.map((t) => ({ ...t, legs: parseStored(StoredLegsSchema, t.legs, `legs of trip ${t.id}`) }));
}

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
      const row = await tx.selectFrom('trips').selectAll().where('id', '=', tripId).executeTakeFirst();
      const trip = row && { ...row, legs: parseStored(StoredLegsSchema, row.legs, `legs of trip ${row.id}`) };
      if (!trip || !canSee(trip)) return { trip, recipients: [], sharing: [], riders: [] };
      const labels = trip.legs.filter((l) => l.mode === 'bus' && l.vehicleLabel).map((l) => l.vehicleLabel!);
      const sharing = await tripsSharing(tx, trip, labels);
      const riders: NoticeRecipient[] = [];
      for (const t of sharing.filter(canSee)) riders.push(...(await readNoticeRecipients(tx, { tripId: t.id })));
      return { trip, recipients: await readNoticeRecipients(tx, { tripId }), sharing, riders };
    });
}
