import { parseStored, StoredLegsSchema } from '../contracts/stored-plan';
import type { Database } from './database';
import type { StoredTrip } from './plan-queries';

/**
 * The passengers pick-up notices go to: name and the phone ciphertext (decrypted by the notices use case, for
 * the dispatchers of the trip's county only), by trip key then row. Some trips, or every trip of a batch.
 */
export async function readNoticeRecipients(db: Database, where: { tripIds: readonly string[] } | { batchId: string }) {
  if ('tripIds' in where && !where.tripIds.length) return [];
  const q = db
    .selectFrom('trip_passengers as p')
    .innerJoin('batch_workers as w', 'w.id', 'p.worker_id')
    .innerJoin('trips as t', 't.id', 'p.trip_id')
    .select(['p.trip_id', 'p.worker_id', 'w.name', 'w.phone_enc']);
  const some =
    'tripIds' in where ? q.where('p.trip_id', 'in', where.tripIds) : q.where('p.batch_id', '=', where.batchId);
  return some.orderBy('t.key').orderBy('w.row_no').execute();
}
export type NoticeRecipient = Awaited<ReturnType<typeof readNoticeRecipients>>[number];

/**
 * One trip, or the trips of a batch in trip order, with their legs and recipients, read in one snapshot: a plan
 * edit committed in between cannot seat someone on a trip the answer does not hold.
 */
export function readNoticeData(
  db: Database,
  where: { tripId: string } | { batchId: string },
): Promise<{ trips: StoredTrip[]; recipients: NoticeRecipient[] }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const q = tx.selectFrom('trips').selectAll();
      const rows = await (
        'tripId' in where ? q.where('id', '=', where.tripId) : q.where('batch_id', '=', where.batchId)
      )
        .orderBy('key')
        .execute();
      const trips = rows.map((t) => ({ ...t, legs: parseStored(StoredLegsSchema, t.legs, `legs of trip ${t.id}`) }));
      const some = 'tripId' in where ? { tripIds: [where.tripId] } : where;
      return { trips, recipients: trips.length ? await readNoticeRecipients(tx, some) : [] };
    });
}
