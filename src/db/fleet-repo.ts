import { sql, type Insertable } from 'kysely';
import type { Scope } from '../auth/policy';
import type { Database } from './database';
import type { FleetDriversTable, FleetOperatorsTable, FleetVehiclesTable } from './fleet-schema';

export async function insertOperator(db: Database, row: Insertable<FleetOperatorsTable>) {
  return db.insertInto('fleet_operators').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function insertVehicle(db: Database, row: Insertable<FleetVehiclesTable>) {
  return db.insertInto('fleet_vehicles').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function insertDriver(db: Database, row: Insertable<FleetDriversTable>) {
  return db.insertInto('fleet_drivers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listOperators(db: Database, scope: Scope) {
  let q = db.selectFrom('fleet_operators').selectAll().orderBy('county_code').orderBy('name');
  if (scope !== null) q = q.where('county_code', 'in', scope.length ? [...scope] : ['']);
  return q.execute();
}

export async function listVehicles(db: Database, scope: Scope, ids?: readonly string[]) {
  let q = db
    .selectFrom('fleet_vehicles as v')
    .innerJoin('fleet_operators as o', 'o.id', 'v.operator_id')
    .selectAll('v')
    .select(['o.name as operator_name', 'o.contact_name', 'o.contact_phone_masked', 'o.contact_phone_enc'])
    .orderBy('v.county_code')
    .orderBy('v.plate');
  if (scope !== null) q = q.where('v.county_code', 'in', scope.length ? [...scope] : ['']);
  if (ids) q = q.where('v.id', 'in', ids.length ? [...ids] : [sql<string>`NULL`]);
  return q.execute();
}
export type VehicleRow = Awaited<ReturnType<typeof listVehicles>>[number];

export async function listDrivers(db: Database, scope: Scope, ids?: readonly string[]) {
  let q = db
    .selectFrom('fleet_drivers as d')
    .innerJoin('fleet_operators as o', 'o.id', 'd.operator_id')
    .selectAll('d')
    .select(['o.name as operator_name'])
    .orderBy('d.county_code')
    .orderBy('d.name');
  if (scope !== null) q = q.where('d.county_code', 'in', scope.length ? [...scope] : ['']);
  if (ids) q = q.where('d.id', 'in', ids.length ? [...ids] : [sql<string>`NULL`]);
  return q.execute();
}
export type DriverRow = Awaited<ReturnType<typeof listDrivers>>[number];

export async function findOperator(db: Database, id: string) {
  return db.selectFrom('fleet_operators').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The crews of a trip's legs with their vehicles and drivers, by leg. */
export async function readTripCrews(db: Database, tripIds: readonly string[]) {
  if (!tripIds.length) return { crews: [], drivers: [] };
  const crews = await db
    .selectFrom('leg_crews as c')
    .innerJoin('fleet_vehicles as v', 'v.id', 'c.vehicle_id')
    .innerJoin('fleet_operators as o', 'o.id', 'v.operator_id')
    .selectAll('v')
    .select([
      'c.trip_id',
      'c.leg_seq',
      'c.assigned_at',
      'o.name as operator_name',
      'o.contact_name',
      'o.contact_phone_masked',
      'o.contact_phone_enc',
    ])
    .where('c.trip_id', 'in', [...tripIds])
    .orderBy('c.leg_seq')
    .execute();
  const drivers = await db
    .selectFrom('leg_crew_drivers as cd')
    .innerJoin('fleet_drivers as d', 'd.id', 'cd.driver_id')
    .select(['cd.trip_id', 'cd.leg_seq', 'd.id', 'd.name', 'd.licence_masked', 'd.phone_masked', 'd.phone_enc'])
    .where('cd.trip_id', 'in', [...tripIds])
    .orderBy('d.name')
    .execute();
  return { crews, drivers };
}
export type TripCrewRows = Awaited<ReturnType<typeof readTripCrews>>;

/** A trip's leg, as crews are keyed. */
export interface LegRef {
  tripId: string;
  legSeq: number;
}

/**
 * Another leg than `legs` (the slices of one vehicle's run) that holds one of `driverIds` (or the vehicle) in an
 * overlapping time, or undefined.
 */
export async function findCrewClash(
  db: Database,
  legs: readonly LegRef[],
  window: { startsAt: Date; endsAt: Date },
  vehicleId: string,
  driverIds: readonly string[],
) {
  const mine = sql.join(legs.map((l) => sql`(${l.tripId}::uuid, ${l.legSeq}::integer)`));
  const other = (q: { tripRef: string; seqRef: string }) =>
    sql<boolean>`(${sql.ref(q.tripRef)}, ${sql.ref(q.seqRef)}) NOT IN (${mine})`;
  const leg = window;
  const driver = await db
    .selectFrom('leg_crew_drivers')
    .select(['driver_id', 'trip_id', 'leg_seq'])
    .where('driver_id', 'in', [...driverIds])
    .where(other({ tripRef: 'trip_id', seqRef: 'leg_seq' }))
    .where('starts_at', '<', leg.endsAt)
    .where('ends_at', '>', leg.startsAt)
    .limit(1)
    .executeTakeFirst();
  if (driver) return { kind: 'driver' as const, id: driver.driver_id, tripId: driver.trip_id, legSeq: driver.leg_seq };
  // The vehicle's legs: a window held by any of its legs' drivers (every crew has at least one).
  const vehicle = await db
    .selectFrom('leg_crews as c')
    .innerJoin('leg_crew_drivers as cd', (j) =>
      j.onRef('cd.trip_id', '=', 'c.trip_id').onRef('cd.leg_seq', '=', 'c.leg_seq'),
    )
    .select(['c.trip_id', 'c.leg_seq'])
    .where('c.vehicle_id', '=', vehicleId)
    .where(other({ tripRef: 'c.trip_id', seqRef: 'c.leg_seq' }))
    .where('cd.starts_at', '<', leg.endsAt)
    .where('cd.ends_at', '>', leg.startsAt)
    .limit(1)
    .executeTakeFirst();
  return vehicle
    ? { kind: 'vehicle' as const, id: vehicleId, tripId: vehicle.trip_id, legSeq: vehicle.leg_seq }
    : undefined;
}

/** Replaces a leg's crew. Callers hold the drivers' and vehicle's locks (lockCrewResources) in the same transaction. */
export async function replaceLegCrew(
  db: Database,
  leg: { tripId: string; legSeq: number; startsAt: Date; endsAt: Date },
  crew: { vehicleId: string; driverIds: readonly string[]; assignedBy: string; assignedAt: Date },
) {
  await db.deleteFrom('leg_crews').where('trip_id', '=', leg.tripId).where('leg_seq', '=', leg.legSeq).execute();
  await db
    .insertInto('leg_crews')
    .values({
      trip_id: leg.tripId,
      leg_seq: leg.legSeq,
      vehicle_id: crew.vehicleId,
      assigned_by: crew.assignedBy,
      assigned_at: crew.assignedAt,
    })
    .execute();
  await db
    .insertInto('leg_crew_drivers')
    .values(
      crew.driverIds.map((d) => ({
        trip_id: leg.tripId,
        leg_seq: leg.legSeq,
        driver_id: d,
        starts_at: leg.startsAt,
        ends_at: leg.endsAt,
      })),
    )
    .execute();
}

/**
 * Serialises assignments that share a driver or the vehicle (transaction-scoped advisory locks, taken in one
 * sorted order so two assignments cannot deadlock): the overlap check and the insert then see each other.
 */
export async function lockCrewResources(db: Database, ids: readonly string[]): Promise<void> {
  for (const id of [...ids].sort()) await sql`SELECT pg_advisory_xact_lock(hashtext(${'crew ' + id}))`.execute(db);
}
