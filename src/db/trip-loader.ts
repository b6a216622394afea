import { sql } from 'kysely';
import { parseStored, StoredChecksSchema, StoredLegsSchema, StoredModeOptionsSchema } from '../contracts/stored-plan';
import type { ExistingTrip } from '../domain/planning/place-workers';
import type { PlanTrip } from '../domain/planning/plan-schema';
import { tripStatus, type TripStatus } from '../domain/planning/trip-status';
import type { Database } from './database';
import { inList } from './in-list';
import type { TripRow } from './schema';
import type { Tx } from './unit-of-work';

export interface LoadedTrip extends ExistingTrip {
  id: string;
  /** Where the trip stands at the `now` it was loaded at; anything but `planned` is also `locked`. */
  status: TripStatus;
}

interface StoredPassenger {
  worker_id: string;
  cost_share_fen: number;
  worker_share_fen: number;
  checks: unknown;
}

/** A stored trip with its passengers as the planner's trip; the stored JSON is parsed, not cast. */
export function toPlanTrip(t: TripRow, passengers: readonly StoredPassenger[]): PlanTrip {
  return {
    key: t.key,
    mode: t.mode,
    vehicleTypeId: t.vehicle_type_id,
    capacity: t.capacity,
    countyCode: t.county_code,
    factoryId: t.factory_id,
    departAt: t.depart_at.toISOString(),
    arriveAt: t.arrive_at.toISOString(),
    distanceM: t.distance_m,
    costFen: t.cost_fen,
    modeReason: t.mode_reason,
    modeOptions: parseStored(StoredModeOptionsSchema, t.mode_options, `mode options of trip ${t.id}`),
    legs: parseStored(StoredLegsSchema, t.legs, `legs of trip ${t.id}`),
    passengers: passengers.map((p) => ({
      workerId: p.worker_id,
      costShareFen: p.cost_share_fen,
      workerShareFen: p.worker_share_fen,
      checks: parseStored(StoredChecksSchema, p.checks, `checks of passenger ${p.worker_id} on trip ${t.id}`),
    })),
  };
}

/** Trips on which boarding checks, and those on which arrivals, have been recorded. */
export async function startedTrips(
  db: Database,
  ids: readonly string[],
): Promise<{ boarded: Set<string>; arrived: Set<string> }> {
  const busy = await sql<{ trip_id: string; what: 'boarded' | 'arrived' }>`
    SELECT DISTINCT trip_id, 'boarded' AS what FROM boarding_checks WHERE trip_id = ANY(${ids}::uuid[])
    UNION SELECT DISTINCT trip_id, 'arrived' AS what FROM arrivals WHERE trip_id = ANY(${ids}::uuid[])`.execute(db);
  const out = { boarded: new Set<string>(), arrived: new Set<string>() };
  for (const r of busy.rows) out[r.what].add(r.trip_id);
  return out;
}

/** A stored trip's status at `now`, from its times, its lock and what has been recorded for it. */
export const statusOf = (
  t: Pick<TripRow, 'id' | 'depart_at' | 'arrive_at' | 'locked'>,
  started: { boarded: ReadonlySet<string>; arrived: ReadonlySet<string> },
  now: Date,
): TripStatus =>
  tripStatus(
    {
      departAt: t.depart_at,
      arriveAt: t.arrive_at,
      locked: t.locked,
      boarded: started.boarded.has(t.id),
      arrived: started.arrived.has(t.id),
    },
    now,
  );

/**
 * A batch's trips (all, or `only` those ids) as the planner sees them, locked for update. A trip is
 * locked against changes once it has departed at `now`, boarding or arrivals have been recorded for it,
 * or a dispatcher has locked it.
 */
export async function loadTripsForUpdate(
  tx: Tx,
  batchId: string,
  now: Date,
  only?: readonly string[],
): Promise<LoadedTrip[]> {
  let q = tx.selectFrom('trips').selectAll().where('batch_id', '=', batchId);
  if (only) q = q.where((eb) => inList(eb, 'id', only));
  const trips = await q.orderBy('key').forUpdate().execute();
  if (!trips.length) return [];
  const ids = trips.map((t) => t.id);
  const passengers = await tx
    .selectFrom('trip_passengers')
    .select(['trip_id', 'worker_id', 'cost_share_fen', 'worker_share_fen', 'checks'])
    .where('trip_id', 'in', ids)
    .orderBy('worker_id')
    .execute();
  const started = await startedTrips(tx, ids);
  const byTrip = new Map<string, StoredPassenger[]>();
  for (const p of passengers) {
    const list = byTrip.get(p.trip_id);
    if (list) list.push(p);
    else byTrip.set(p.trip_id, [p]);
  }
  return trips.map((t) => {
    const status = statusOf(t, started, now);
    return { id: t.id, trip: toPlanTrip(t, byTrip.get(t.id) ?? []), status, locked: status !== 'planned' };
  });
}

/** The number after the highest trip key of a batch (T0007 → 8). */
export const nextTripNumber = (trips: readonly { trip: PlanTrip }[]): number =>
  trips.reduce((m, t) => Math.max(m, Number(t.trip.key.slice(1)) || 0), 0) + 1;
