import { parseStored, StoredLegsSchema } from '../contracts/stored-plan';
import type { PlanLeg } from '../domain/planning/plan-schema';
import type { Database } from './database';
import type { TripRow } from './schema';

/** A trip row with its stored legs parsed. */
export type StoredTrip = Omit<TripRow, 'legs'> & { legs: PlanLeg[] };

const withLegs = (t: TripRow): StoredTrip => ({
  ...t,
  legs: parseStored(StoredLegsSchema, t.legs, `legs of trip ${t.id}`),
});

/** Trips of a batch with their passengers (joined to the workers), in trip order. */
export async function readBatchTrips(db: Database, batchId: string) {
  const trips = await db.selectFrom('trips').selectAll().where('batch_id', '=', batchId).orderBy('key').execute();
  const passengers = await db
    .selectFrom('trip_passengers as p')
    .innerJoin('batch_workers as w', 'w.id', 'p.worker_id')
    .select([
      'p.trip_id',
      'p.worker_id',
      'p.cost_share_fen',
      'p.subsidy_fen',
      'w.name',
      'w.id_masked',
      'w.phone_masked',
      'w.village',
      'w.county_code',
      'w.health_code',
      'w.registered_poor',
      'w.family_id',
    ])
    .where('p.batch_id', '=', batchId)
    .orderBy('w.row_no')
    .execute();
  return { trips: trips.map(withLegs), passengers };
}
export type BatchTrips = Awaited<ReturnType<typeof readBatchTrips>>;

export async function readHeldWorkers(db: Database, batchId: string) {
  return db
    .selectFrom('batch_workers')
    .select(['id', 'row_no', 'name', 'id_masked', 'village', 'county_code', 'health_code', 'hold_code', 'hold_reason'])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'held')
    .orderBy('row_no')
    .execute();
}
export type HeldWorkerRows = Awaited<ReturnType<typeof readHeldWorkers>>;

export async function readTrip(db: Database, tripId: string): Promise<StoredTrip | undefined> {
  const t = await db.selectFrom('trips').selectAll().where('id', '=', tripId).executeTakeFirst();
  return t && withLegs(t);
}

export async function readTripManifest(db: Database, tripId: string) {
  return db
    .selectFrom('trip_passengers as p')
    .innerJoin('batch_workers as w', 'w.id', 'p.worker_id')
    .select([
      'w.id',
      'w.row_no',
      'w.name',
      'w.id_masked',
      'w.phone_masked',
      'w.village',
      'w.health_code',
      'w.health_code_province',
      'w.family_id',
    ])
    .where('p.trip_id', '=', tripId)
    .orderBy('w.row_no')
    .execute();
}
