import { sql } from 'kysely';
import { parseStored, StoredChecksSchema, StoredLegsSchema } from '../contracts/stored-plan';
import type { PassengerChecks } from '../domain/health/health-checks';
import type { PlanLeg } from '../domain/planning/plan-schema';
import type { Database } from './database';
import { startedTrips } from './trip-loader';
import type { TripRow } from './schema';

/** A trip row with its stored legs parsed. */
export type StoredTrip = Omit<TripRow, 'legs'> & { legs: PlanLeg[] };

const withLegs = (t: TripRow): StoredTrip => ({
  ...t,
  legs: parseStored(StoredLegsSchema, t.legs, `legs of trip ${t.id}`),
});

/** A passenger's stored check list, parsed. */
const checksOf = (p: { worker_id: string; trip_id: string; checks: unknown }): PassengerChecks =>
  parseStored(StoredChecksSchema, p.checks, `checks of passenger ${p.worker_id} on trip ${p.trip_id}`);

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
      'p.checks',
      'w.name',
      'w.id_masked',
      'w.phone_masked',
      'w.village',
      'w.county_code',
      'w.health_code',
      'w.registered_poor',
      'w.family_id',
      'w.account_type',
      'w.account_masked',
    ])
    .where('p.batch_id', '=', batchId)
    .orderBy('w.row_no')
    .execute();
  return {
    trips: trips.map(withLegs),
    passengers: passengers.map((p) => ({ ...p, checks: checksOf(p) })),
    // What the trips' statuses are derived from, besides their times and locks.
    started: await startedTrips(
      db,
      trips.map((t) => t.id),
    ),
  };
}
export type BatchTrips = Awaited<ReturnType<typeof readBatchTrips>>;

/**
 * Held workers of a batch in row order. For someone held as already planned, the open batch that holds
 * their claim and its counties (null once the claim has ended): a view names that batch only to keys
 * that may see it.
 */
export async function readHeldWorkers(db: Database, batchId: string) {
  return (
    db
      .selectFrom('batch_workers as w')
      .leftJoin('person_claims as c', (j) =>
        j
          .onRef('c.id_hash', '=', 'w.id_hash')
          .onRef('c.worker_id', '<>', 'w.id')
          .on('w.hold_code', '=', 'already-planned'),
      )
      .leftJoin('batches as cb', 'cb.id', 'c.batch_id')
      // The factory's province: the destination a hold for health reasons names.
      .leftJoin('factories as f', 'f.id', 'w.factory_id')
      .select([
        'w.id',
        'w.row_no',
        'w.name',
        'w.id_masked',
        'w.village',
        'w.county_code',
        'w.health_code',
        'w.health_code_province',
        'w.nucleic_test_at',
        'f.province_code as factory_province',
        'w.hold_code',
        'w.hold_reason',
        'cb.id as claimed_by_batch',
        'cb.county_codes as claimed_by_counties',
      ])
      .where('w.batch_id', '=', batchId)
      .where('w.status', '=', 'held')
      .orderBy('w.row_no')
      .execute()
  );
}
export type HeldWorkerRows = Awaited<ReturnType<typeof readHeldWorkers>>;

export async function readTrip(db: Database, tripId: string): Promise<StoredTrip | undefined> {
  const t = await db.selectFrom('trips').selectAll().where('id', '=', tripId).executeTakeFirst();
  return t && withLegs(t);
}

/** The trips of a batch holding a leg with one of the vehicle labels (the trips a pooled bus carries), by key. */
export async function readTripsOnVehicles(
  db: Database,
  batchId: string,
  labels: readonly string[],
): Promise<StoredTrip[]> {
  if (!labels.length) return [];
  const trips = await db
    .selectFrom('trips')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where((eb) => eb.or(labels.map((l) => sql<boolean>`legs @> ${JSON.stringify([{ vehicleLabel: l }])}::jsonb`)))
    .orderBy('key')
    .execute();
  return trips.map(withLegs);
}

/**
 * The slices of one vehicle's run in a batch: each trip's leg with that vehicle label (a pooled bus carries several
 * trips, each holding its own part of it), in trip order.
 */
export async function readVehicleLegs(db: Database, batchId: string, label: string) {
  return (await readTripsOnVehicles(db, batchId, [label])).flatMap((t) =>
    t.legs.filter((l) => l.vehicleLabel === label).map((leg) => ({ tripId: t.id, leg })),
  );
}

/** A trip's passengers in row order, each with their check list. */
export async function readTripManifest(db: Database, tripId: string) {
  const rows = await db
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
      'p.trip_id',
      'p.worker_id',
      'p.checks',
    ])
    .where('p.trip_id', '=', tripId)
    .orderBy('w.row_no')
    .execute();
  return rows.map((p) => ({ ...p, checks: checksOf(p) }));
}
