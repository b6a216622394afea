import { sql, type Transaction } from 'kysely';
import type { PassengerChecks } from '../domain/health/health-checks';
import type { ExistingTrip } from '../domain/planning/place-workers';
import type { PlanLeg, PlanTrip } from '../domain/planning/plan-schema';
import type { DB, TripRow } from './schema';

type Tx = Transaction<DB>;

export interface LoadedTrip extends ExistingTrip {
  id: string;
}

export function toPlanTrip(
  t: TripRow,
  passengers: { worker_id: string; cost_share_fen: number; checks: unknown }[],
): PlanTrip {
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
    legs: t.legs as PlanLeg[],
    passengers: passengers.map((p) => ({
      workerId: p.worker_id,
      costShareFen: p.cost_share_fen,
      checks: p.checks as PassengerChecks,
    })),
  };
}

/**
 * A batch's trips as the planner sees them, locked for update. A trip is locked against changes once it
 * has departed, boarding or arrivals have been recorded for it, or a dispatcher has locked it.
 */
export async function loadTripsForUpdate(tx: Tx, batchId: string, now: Date, only?: string[]): Promise<LoadedTrip[]> {
  let q = tx.selectFrom('trips').selectAll().where('batch_id', '=', batchId);
  if (only) q = q.where('id', 'in', only.length ? only : ['00000000-0000-0000-0000-000000000000']);
  const trips = await q.orderBy('key').forUpdate().execute();
  if (!trips.length) return [];
  const ids = trips.map((t) => t.id);
  const passengers = await tx
    .selectFrom('trip_passengers')
    .select(['trip_id', 'worker_id', 'cost_share_fen', 'checks'])
    .where('trip_id', 'in', ids)
    .orderBy('worker_id')
    .execute();
  const busy = await sql<{ trip_id: string }>`
    SELECT trip_id FROM boarding_checks WHERE trip_id = ANY(${ids}::uuid[])
    UNION SELECT trip_id FROM arrivals WHERE trip_id = ANY(${ids}::uuid[])`.execute(tx);
  const started = new Set(busy.rows.map((r) => r.trip_id));
  const byTrip = new Map<string, typeof passengers>();
  for (const p of passengers) byTrip.set(p.trip_id, [...(byTrip.get(p.trip_id) ?? []), p]);
  return trips.map((t) => ({
    id: t.id,
    trip: toPlanTrip(t, byTrip.get(t.id) ?? []),
    locked: t.locked || t.depart_at.getTime() <= now.getTime() || started.has(t.id),
  }));
}

/** The number after the highest trip key of a batch (T0007 → 8). */
export const nextTripNumber = (trips: readonly { trip: PlanTrip }[]): number =>
  trips.reduce((m, t) => Math.max(m, Number(t.trip.key.slice(1)) || 0), 0) + 1;
