import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { copyRows, type CopyValue } from './copy-rows';
import type { HeldWorker, Plan, PlanTrip } from '../domain/planning/plan-schema';
import { labelRequests, tripLabel, withLabels, type LabelRequest } from '../domain/planning/vehicle-labels';
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

/** Reserves vehicle labels: by default in the transaction that writes the trips. */
type LabelReserver = (requests: LabelRequest[]) => Promise<Map<string, string>>;

interface TripRow {
  tripId: string;
  trip: PlanTrip;
}

/** Seats the trips' passengers, by COPY: a million-worker plan has a million. */
const copyPassengers = (tx: Tx, batchId: string, rows: readonly TripRow[], c: TripWriteContext) =>
  copyRows(tx, 'trip_passengers', PASSENGER_COLUMNS, passengerRows(batchId, rows, c));

/** Marks the passengers of these trips planned. */
async function markPlanned(tx: Tx, rows: readonly Pick<TripRow, 'tripId'>[]): Promise<void> {
  if (!rows.length) return;
  // Joined on the server: sending every worker id back as a parameter cost as much as the seats themselves.
  await sql`
    UPDATE batch_workers w SET status = 'planned', hold_code = NULL, hold_reason = NULL
    FROM trip_passengers tp
    WHERE tp.trip_id = ANY(${rows.map((r) => r.tripId)}::uuid[]) AND w.id = tp.worker_id`.execute(tx);
}

/**
 * Writes trips with their passengers, their vehicles labelled first (numbers reserved in this transaction, unique
 * across batches, unless `reserve` says otherwise). Ids are made here, so trips and passengers are each written by
 * one COPY. The passengers are not marked planned yet.
 */
async function writeTrips(
  tx: Tx,
  batchId: string,
  planned: readonly PlanTrip[],
  c: TripWriteContext,
  reserve: LabelReserver = (requests) => reserveVehicleLabels(tx, requests),
): Promise<TripRow[]> {
  if (!planned.length) return [];
  const trips = withLabels(planned, await reserve(labelRequests(planned, c.utcOffsetMin)));
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
  await copyPassengers(tx, batchId, rows, c);
  return rows;
}

/** Inserts trips with their passengers (marked planned); returns the database id of each trip key. */
export async function insertTrips(
  tx: Tx,
  batchId: string,
  planned: readonly PlanTrip[],
  c: TripWriteContext,
): Promise<Map<string, string>> {
  const rows = await writeTrips(tx, batchId, planned, c);
  await markPlanned(tx, rows);
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
  await copyPassengers(tx, batchId, [{ tripId, trip }], c);
  await markPlanned(tx, [{ tripId }]);
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
    const batch = await lockBatch(tx, s.batchId);
    if (!isOpen(batch, s.revision)) return false;
    await tx.deleteFrom('trips').where('batch_id', '=', s.batchId).execute();
    await insertTrips(tx, s.batchId, s.plan.trips, s);
    await finishPlan(tx, s.batchId, s.plan.held, s.now);
    return true;
  });
}

/** The batch still waits for this revision's plan (not revised, planned or failed meanwhile). */
const isOpen = (batch: { revision: number; status: string } | undefined, revision: number) =>
  !!batch && batch.revision === revision && ['queued', 'planning'].includes(batch.status);

const lockBatch = (tx: Tx, batchId: string) =>
  tx.selectFrom('batches').select(['revision', 'status']).where('id', '=', batchId).forUpdate().executeTakeFirst();

async function finishPlan(tx: Tx, batchId: string, held: Plan['held'], now: Date): Promise<void> {
  await markHeld(tx, held);
  await refreshBatchCounts(tx, batchId, now);
  await tx
    .updateTable('batches')
    .set({ status: 'planned', progress: 100, error: null, planned_at: now })
    .where('id', '=', batchId)
    .execute();
}

/** A part of a plan with what writing its trips needs. */
export interface PlanPart {
  trips: readonly PlanTrip[];
  context: TripWriteContext;
}

export interface PlanInPartsInput {
  batchId: string;
  revision: number;
  /** The plan's trips, a part at a time; a part that throws rolls everything back. */
  parts: AsyncIterable<PlanPart>;
  /** Everyone held, asked once every part is written. */
  held: () => HeldWorker[];
  now: () => Date;
}

/** Rolls the transaction back when the batch has moved on by the time every part is written. */
class MovedOn extends Error {}

/**
 * Stores a plan written a part at a time, as its parts are planned elsewhere, in one transaction: nobody sees any of
 * it until the last part is in and the batch is marked planned. The batch row is locked only at the end, so progress
 * can still be recorded meanwhile; vehicle labels are reserved in short transactions of their own, so that a long
 * store holds no counter another batch's store needs (a plan rolled back leaves gaps in the numbers, not duplicates).
 * False, with nothing stored, when the revision is no longer the one to plan.
 */
export async function storePlanInParts(db: Database, s: PlanInPartsInput): Promise<boolean> {
  const reserve: LabelReserver = (requests) => inTransaction(db, (tx) => reserveVehicleLabels(tx, requests));
  try {
    return await inTransaction(db, async (tx) => {
      // A batch waiting for its plan has no trips; a duplicate job's plan is checked for under the lock below.
      await tx.deleteFrom('trips').where('batch_id', '=', s.batchId).execute();
      // Each part's workers are marked while the next part is fetched and made ready: the one statement that keeps
      // the server busy without this process having rows to send it.
      let marking: Promise<void> | undefined;
      for await (const part of s.parts) {
        await marking;
        const rows = await writeTrips(tx, s.batchId, part.trips, part.context, reserve);
        marking = markPlanned(tx, rows);
        // Awaited with the next part or after the last; until then its failure is not an unhandled one.
        marking.catch(() => undefined);
      }
      await marking;
      if (!isOpen(await lockBatch(tx, s.batchId), s.revision)) throw new MovedOn();
      await finishPlan(tx, s.batchId, s.held(), s.now());
      return true;
    });
  } catch (e) {
    if (e instanceof MovedOn) return false;
    throw e;
  }
}
