import { sql } from 'kysely';
import { parseStored, StoredChecksSchema, StoredLegsSchema, StoredModeOptionsSchema } from '../contracts/stored-plan';
import type { ExistingTrip } from '../domain/planning/place-workers';
import type { PlanTrip } from '../domain/planning/plan-schema';
import { inList } from './in-list';
import type { TripRow } from './schema';
import type { Tx } from './unit-of-work';

export interface LoadedTrip extends ExistingTrip {
  id: string;
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

/** Trips on which boarding checks or arrivals have been recorded. */
async function startedTrips(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  const busy = await sql<{ trip_id: string }>`
    SELECT trip_id FROM boarding_checks WHERE trip_id = ANY(${ids}::uuid[])
    UNION SELECT trip_id FROM arrivals WHERE trip_id = ANY(${ids}::uuid[])`.execute(tx);
  return new Set(busy.rows.map((r) => r.trip_id));
}

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
  return trips.map((t) => ({
    id: t.id,
    trip: toPlanTrip(t, byTrip.get(t.id) ?? []),
    locked: t.locked || t.depart_at.getTime() <= now.getTime() || started.has(t.id),
  }));
}

/** The number after the highest trip key of a batch (T0007 → 8). */
export const nextTripNumber = (trips: readonly { trip: PlanTrip }[]): number =>
  trips.reduce((m, t) => Math.max(m, Number(t.trip.key.slice(1)) || 0), 0) + 1;
