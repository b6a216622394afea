import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { copyRows, type CopyValue } from './copy-rows';
import type { Plan, PlanTrip } from '../domain/planning/plan-schema';
import { labelRequests, tripLabel, withLabels } from '../domain/planning/vehicle-labels';
import { reserveVehicleLabels } from './vehicle-labels-repo';
import type { Database } from './database';
import { inTransaction, type Tx } from './unit-of-work';

export interface TripWriteContext {
  /** Estimated subsidy per worker id, already capped. */
  subsidies: ReadonlyMap<string, number>;
  /** Destination province of a factory. */
  provinceOf: (factoryId: string) => string | null;
  /** The local time's offset: vehicle labels carry the local day. */
  utcOffsetMin: number;
}

export interface StoredPlanInput extends TripWriteContext {
  batchId: string;
  revision: number;
  plan: Plan;
  /** The clock's time: the batch's planned_at and updated_at. */
  now: Date;
}

const tripColumns = (t: PlanTrip) => ({
  mode: t.mode,
  vehicle_type_id: t.vehicleTypeId,
  capacity: t.capacity,
  seats_used: t.passengers.length,
  county_code: t.countyCode,
  factory_id: t.factoryId,
  depart_at: t.departAt,
  arrive_at: t.arriveAt,
  distance_m: t.distanceM,
  cost_fen: t.costFen,
  mode_reason: t.modeReason,
  mode_options: JSON.stringify(t.modeOptions),
  label: tripLabel(t),
  legs: JSON.stringify(t.legs),
});

const PASSENGER_COLUMNS = [
  'trip_id',
  'worker_id',
  'batch_id',
  'cost_share_fen',
  'worker_share_fen',
  'subsidy_fen',
  'checks',
] as const;

function* passengerRows(batchId: string, rows: readonly TripRow[], c: TripWriteContext): Generator<CopyValue[]> {
  for (const { tripId, trip } of rows)
    for (const p of trip.passengers)
      yield [
        tripId,
        p.workerId,
        batchId,
        p.costShareFen,
        p.workerShareFen,
        c.subsidies.get(p.workerId) ?? 0,
        JSON.stringify(p.checks),
      ];
}

interface TripRow {
  tripId: string;
  trip: PlanTrip;
}

/** Seats the trips' passengers (by COPY: a million-worker plan has a million) and marks them planned. */
async function insertPassengers(tx: Tx, batchId: string, rows: readonly TripRow[], c: TripWriteContext) {
  await copyRows(tx, 'trip_passengers', PASSENGER_COLUMNS, passengerRows(batchId, rows, c));
  // Joined on the server: sending every worker id back as a parameter cost as much as the seats themselves.
  await sql`
    UPDATE batch_workers w SET status = 'planned', hold_code = NULL, hold_reason = NULL
    FROM trip_passengers tp
    WHERE tp.trip_id = ANY(${rows.map((r) => r.tripId)}::uuid[]) AND w.id = tp.worker_id`.execute(tx);
}

/**
 * Inserts trips with their passengers, their vehicles labelled first (numbers reserved in this transaction, unique
 * across batches); returns the database id of each trip key. Ids are made here, so trips and passengers are each
 * written by one COPY.
 */
export async function insertTrips(
  tx: Tx,
  batchId: string,
  planned: readonly PlanTrip[],
  c: TripWriteContext,
): Promise<Map<string, string>> {
  if (!planned.length) return new Map();
  const trips = withLabels(planned, await reserveVehicleLabels(tx, labelRequests(planned, c.utcOffsetMin)));
  const rows = trips.map((trip) => ({ tripId: randomUUID(), trip }));
  const record = ({ tripId, trip }: TripRow) => ({
    id: tripId,
    batch_id: batchId,
    key: trip.key,
    province_code: c.provinceOf(trip.factoryId),
    ...tripColumns(trip),
  });
  // Rows made as COPY takes them: a million-worker plan's legs are hundreds of megabytes of JSON.
  await copyRows(
    tx,
    'trips',
    Object.keys(record(rows[0])),
    (function* () {
      for (const r of rows) yield Object.values(record(r));
    })(),
  );
  await insertPassengers(tx, batchId, rows, c);
  return new Map(rows.map((r) => [r.trip.key, r.tripId]));
}

/** Replaces one trip's legs and passengers (joiners seated, or a passenger taken off). */
export async function rewriteTrip(
  tx: Tx,
  batchId: string,
  tripId: string,
  trip: PlanTrip,
  c: TripWriteContext,
): Promise<void> {
  await tx
    .updateTable('trips')
    .set({ ...tripColumns(trip), revision: sql`revision + 1` })
    .where('id', '=', tripId)
    .execute();
  await tx.deleteFrom('trip_passengers').where('trip_id', '=', tripId).execute();
  await insertPassengers(tx, batchId, [{ tripId, trip }], c);
}

export async function markHeld(tx: Tx, held: Plan['held']): Promise<void> {
  if (!held.length) return;
  await sql`
    UPDATE batch_workers w SET status = 'held', hold_code = h.code, hold_reason = h.reason
    FROM jsonb_to_recordset(${JSON.stringify(held)}::jsonb) AS h("workerId" uuid, code text, reason text)
    WHERE w.id = h."workerId"`.execute(tx);
}

/** Recounts a batch's trips, held and all workers; `now` (the clock's) is the batch's updated_at. */
export async function refreshBatchCounts(tx: Tx, batchId: string, now: Date): Promise<void> {
  await sql`
    UPDATE batches SET
      trip_count = (SELECT count(*) FROM trips WHERE batch_id = ${batchId}),
      held_count = (SELECT count(*) FROM batch_workers WHERE batch_id = ${batchId} AND status = 'held'),
      worker_count = (SELECT count(*) FROM batch_workers WHERE batch_id = ${batchId}),
      updated_at = ${now}
    WHERE id = ${batchId}`.execute(tx);
}

/**
 * Replaces a batch's trips with `plan` in one transaction. The batch row is locked first, so a retried
 * or duplicated job replaces the same trips instead of adding a second set; a job for an older revision,
 * or for a batch already planned (whose trips may carry boarding checks and arrivals), changes nothing.
 * Returns false when nothing was stored.
 */
export async function storePlan(db: Database, s: StoredPlanInput): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const batch = await tx
      .selectFrom('batches')
      .select(['revision', 'status'])
      .where('id', '=', s.batchId)
      .forUpdate()
      .executeTakeFirst();
    if (!batch || batch.revision !== s.revision || !['queued', 'planning'].includes(batch.status)) return false;
    await tx.deleteFrom('trips').where('batch_id', '=', s.batchId).execute();
    await insertTrips(tx, s.batchId, s.plan.trips, s);
    await markHeld(tx, s.plan.held);
    await refreshBatchCounts(tx, s.batchId, s.now);
    await tx
      .updateTable('batches')
      .set({ status: 'planned', progress: 100, error: null, planned_at: s.now })
      .where('id', '=', s.batchId)
      .execute();
    return true;
  });
}
