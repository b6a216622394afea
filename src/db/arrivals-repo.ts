import { queryPrepared, type Database } from './database';

// ---------------------------------------------------------------------------------------------
// Confirming arrivals: two fixed statements on the prepared connections (see FIXED_STATEMENT_SETTINGS)

/** A seat someone travelled in, as found for an arrival: the person, the trip, their share of its cost. */
export interface Seat {
  id: string;
  id_hash: string;
  id_enc: string | null;
  id_masked: string | null;
  county_code: string;
  registered_poor: boolean;
  batch_id: string;
  trip_id: string;
  factory_id: string;
  depart_at: Date;
  province_code: string | null;
  cost_share_fen: number;
  /** The part of cost_share_fen the worker bore: what the subsidy refunds. */
  worker_share_fen: number;
  confirmed: boolean;
}

/** Every seat of every person named, by worker id or by ID number (someone may have travelled more than once). */
export const LOAD_SEATS = `
  SELECT w.id, w.id_hash, w.id_enc, w.id_masked, w.county_code, w.registered_poor, w.batch_id, t.id AS trip_id, t.factory_id, t.depart_at,
         t.province_code, tp.cost_share_fen, tp.worker_share_fen, a.worker_id IS NOT NULL AS confirmed
  FROM trip_passengers tp JOIN trips t ON t.id = tp.trip_id JOIN batch_workers w ON w.id = tp.worker_id
  LEFT JOIN arrivals a ON a.worker_id = tp.worker_id
  WHERE w.id = ANY($1::uuid[]) OR w.id_hash = ANY($2::text[])`;

export function loadSeats(db: Database, workerIds: string[], idHashes: string[]): Promise<Seat[]> {
  return queryPrepared<Seat>(db, 'arrivals-load-seats', LOAD_SEATS, [workerIds, idHashes]);
}

/** An arrival to store: the seat it confirms, when, and the key that confirmed it. */
export interface ArrivalWrite {
  seat: Seat;
  arrivedAt: Date;
  actor: string;
}

/** The subsidy an arrival makes (payable or pending employment), with its audit record either way (JSON text). */
export interface SubsidyWrite extends ArrivalWrite {
  /** The policy year: of the trip's departure. */
  year: number;
  cap: number;
  refundPercent: number;
  amount: number;
  status: 'pending-employment' | 'payable';
  /** The audit record's `after` when the subsidy is stored. */
  computed: string;
  /** The audit record's `after` when the person was already subsidised this policy year. */
  refused: string;
}

/**
 * One statement, so atomic without a transaction round trip: the arrivals (key order, so concurrent writers
 * from other API processes lock rows in the same order), the end of each arrived person's seat claim, the
 * subsidies of those arrived who are eligible (id-hash order), and an audit record per subsidy: computed,
 * or refused because the person was already subsidised this policy year. Answers each newly arrived
 * worker with the subsidy written for them (0 for none).
 */
export const WRITE_ARRIVALS = `
    WITH a AS (
      INSERT INTO arrivals (worker_id, trip_id, factory_id, arrived_at, confirmed_by)
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[],
                           $4::timestamptz[], $5::uuid[])
      ON CONFLICT (worker_id) DO NOTHING RETURNING worker_id),
    c AS (DELETE FROM person_claims WHERE worker_id IN (SELECT worker_id FROM a)),
    i AS (
      SELECT * FROM unnest($6::uuid[], $7::text[], $8::text[], $9::int[],
        $10::text[], $11::uuid[], $12::uuid[], $13::timestamptz[],
        $14::bigint[], $15::bigint[], $16::bigint[], $17::uuid[],
        $18::jsonb[], $19::jsonb[], $20::bigint[], $21::int[], $22::text[]) WITH ORDINALITY
        AS i(worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen, actor, computed, refused,
             worker_share_fen, refund_percent, status, n)
      WHERE i.worker_id IN (SELECT worker_id FROM a)),
    s AS (
      INSERT INTO subsidies (worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen,
                             worker_share_fen, refund_percent, status)
      SELECT worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen,
             worker_share_fen, refund_percent, status FROM i ORDER BY n
      ON CONFLICT (id_hash, policy_year) DO NOTHING RETURNING id, worker_id, amount_fen, policy_year, status),
    l AS (
      INSERT INTO audit_log (actor, action, entity, entity_id, after)
      SELECT i.actor,
        CASE WHEN s.id IS NULL THEN 'subsidy.refused-already-paid-this-year' ELSE 'subsidy.computed' END,
        CASE WHEN s.id IS NULL THEN 'worker' ELSE 'subsidy' END,
        COALESCE(s.id::text, i.worker_id::text),
        CASE WHEN s.id IS NULL THEN i.refused ELSE i.computed END
      FROM i LEFT JOIN s ON s.worker_id = i.worker_id)
    SELECT a.worker_id, s.amount_fen, s.policy_year, s.status FROM a LEFT JOIN s ON s.worker_id = a.worker_id`;

/** The subsidy written for a newly arrived worker (null: none, not eligible or already subsidised that year). */
export type WrittenSubsidy = { amountFen: number; policyYear: number; status: SubsidyWrite['status'] } | null;

/**
 * Writes the arrivals and the subsidies they make (WRITE_ARRIVALS). An arrival already stored (by a
 * concurrent writer) is skipped with its subsidy. Answers the subsidy written per newly arrived worker id;
 * workers missing from the answer were not newly arrived.
 */
export async function writeArrivals(
  db: Database,
  arrivals: readonly ArrivalWrite[],
  subsidies: readonly SubsidyWrite[],
): Promise<Map<string, WrittenSubsidy>> {
  if (!arrivals.length) return new Map();
  const a = [...arrivals].sort((x, y) => (x.seat.id < y.seat.id ? -1 : 1));
  const s = [...subsidies].sort((x, y) =>
    x.seat.id_hash < y.seat.id_hash ? -1 : x.seat.id_hash > y.seat.id_hash ? 1 : 0,
  );
  const values = [
    a.map((x) => x.seat.id),
    a.map((x) => x.seat.trip_id),
    a.map((x) => x.seat.factory_id),
    a.map((x) => x.arrivedAt.toISOString()),
    a.map((x) => x.actor),
    s.map((x) => x.seat.id),
    s.map((x) => x.seat.id_hash),
    s.map((x) => x.seat.id_enc),
    s.map((x) => x.year),
    s.map((x) => x.seat.county_code),
    s.map((x) => x.seat.batch_id),
    s.map((x) => x.seat.trip_id),
    s.map((x) => x.arrivedAt.toISOString()),
    s.map((x) => x.seat.cost_share_fen),
    s.map((x) => x.cap),
    s.map((x) => x.amount),
    s.map((x) => x.actor),
    s.map((x) => x.computed),
    s.map((x) => x.refused),
    s.map((x) => x.seat.worker_share_fen),
    s.map((x) => x.refundPercent),
    s.map((x) => x.status),
  ];
  const rows = await queryPrepared<{
    worker_id: string;
    amount_fen: number | null;
    policy_year: number | null;
    status: SubsidyWrite['status'] | null;
  }>(db, 'arrivals-write', WRITE_ARRIVALS, values);
  return new Map(
    rows.map((x) => [
      x.worker_id,
      x.amount_fen ? { amountFen: x.amount_fen, policyYear: x.policy_year!, status: x.status! } : null,
    ]),
  );
}
