import { inScope, type Principal } from '../auth/api-keys';
import { queryPrepared, type Database } from '../db/database';
import { normaliseIdNumber } from '../domain/identity/id-number';
import { policyYear } from '../domain/subsidy/policy-year';
import { subsidyCapFen, subsidyFen } from '../domain/subsidy/subsidy-policy';
import { ForbiddenError, ValidationError, type AppError, type RowError } from '../errors';
import type { ArrivalDeps, ArrivalItem } from './arrivals';
import { provinceMaps } from './province-maps';

export interface ArrivalRequest {
  principal: Principal;
  items: ArrivalItem[];
}
export interface ArrivalResult {
  confirmed: number;
  alreadyConfirmed: number;
  subsidies: { workerId: string; amountFen: number }[];
}

/** A seat someone travelled in, as found for an arrival: the person, the trip, their share of its cost. */
interface Seat {
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
  confirmed: boolean;
}
interface Accepted {
  seat: Seat;
  arrivedAt: Date;
  actor: string;
  /** False for a repeat: the seat was confirmed before, or by an earlier arrival of this group. */
  fresh: boolean;
}

/**
 * Confirms the arrivals of several requests at once (see groupCommit): one read of the seats named, then
 * one write statement. Each request is all or nothing: one refused or invalid arrival fails that request
 * alone. Each person is confirmed once (a repeat is counted, not stored), their seat claim released, and
 * their one-time subsidy made payable (at most one per ID number and policy year, enforced by a unique
 * constraint) with an audit record.
 */
export async function confirmArrivalGroup(
  deps: ArrivalDeps,
  requests: ArrivalRequest[],
): Promise<(ArrivalResult | AppError)[]> {
  const provinces = provinceMaps(await deps.places());
  const seats = seatsByPerson(await loadSeats(deps.db, deps, requests));
  const taken = new Set<string>();
  const picked = requests.map((r) => pickSeats(deps, r, seats, taken));
  const fresh = picked.flatMap((p) => (Array.isArray(p) ? p.filter((a) => a.fresh) : []));
  const written = await writeArrivals(deps.db, fresh, subsidyRows(deps, provinces, fresh));
  const arrived = (a: Accepted) => a.fresh && written.has(a.seat.id);
  return picked.map((p) => {
    if (!Array.isArray(p)) return p;
    const confirmed = p.filter(arrived);
    return {
      confirmed: confirmed.length,
      alreadyConfirmed: p.length - confirmed.length,
      subsidies: confirmed.flatMap((a) => {
        const amountFen = written.get(a.seat.id);
        return amountFen ? [{ workerId: a.seat.id, amountFen }] : [];
      }),
    };
  });
}

const hashOf = (deps: ArrivalDeps, idNumber: string) => deps.cipher.hash(normaliseIdNumber(idNumber));

/** Every seat of every person named, by worker id or by ID number (someone may have travelled more than once). */
export const LOAD_SEATS = `
  SELECT w.id, w.id_hash, w.id_enc, w.id_masked, w.county_code, w.registered_poor, w.batch_id, t.id AS trip_id, t.factory_id, t.depart_at,
         t.province_code, tp.cost_share_fen, a.worker_id IS NOT NULL AS confirmed
  FROM trip_passengers tp JOIN trips t ON t.id = tp.trip_id JOIN batch_workers w ON w.id = tp.worker_id
  LEFT JOIN arrivals a ON a.worker_id = tp.worker_id
  WHERE w.id = ANY($1::uuid[]) OR w.id_hash = ANY($2::text[])`;

async function loadSeats(db: Database, deps: ArrivalDeps, requests: ArrivalRequest[]): Promise<Seat[]> {
  const items = requests.flatMap((r) => r.items);
  const ids = [...new Set(items.flatMap((i) => (i.workerId ? [i.workerId] : [])))];
  const hashes = [...new Set(items.flatMap((i) => (i.idNumber ? [hashOf(deps, i.idNumber)] : [])))];
  return queryPrepared<Seat>(db, 'arrivals-load-seats', LOAD_SEATS, [ids, hashes]);
}

/** Seats by worker id and by ID-number hash, so each arrival finds its own without scanning them all. */
function seatsByPerson(seats: Seat[]): Map<string, Seat[]> {
  const by = new Map<string, Seat[]>();
  const add = (key: string, seat: Seat) => by.set(key, [...(by.get(key) ?? []), seat]);
  for (const seat of seats) {
    add(`w:${seat.id}`, seat);
    add(`h:${seat.id_hash}`, seat);
  }
  return by;
}

/**
 * The seat each arrival of one request confirms, or the request's error. By ID number the seat not yet
 * confirmed (here or earlier in the group), latest first, is this arrival. Seats are marked taken only
 * when the whole request is accepted.
 */
function pickSeats(
  deps: ArrivalDeps,
  r: ArrivalRequest,
  seats: Map<string, Seat[]>,
  taken: Set<string>,
): Accepted[] | AppError {
  const refused: RowError[] = [],
    invalid: RowError[] = [],
    out: Accepted[] = [];
  const mine = new Set<string>();
  for (const [i, a] of r.items.entries()) {
    const hash = a.idNumber ? hashOf(deps, a.idNumber) : null;
    const open = (s: Seat) => !s.confirmed && !taken.has(s.id) && !mine.has(s.id);
    const found = (seats.get(hash ? `h:${hash}` : `w:${a.workerId}`) ?? [])
      .filter((s) => r.principal.role === 'admin' || inScope(r.principal, s.factory_id))
      .sort((x, y) => Number(open(y)) - Number(open(x)) || y.depart_at.getTime() - x.depart_at.getTime())[0];
    const field = a.workerId ? 'workerId' : 'idNumber';
    if (!found) {
      refused.push({ row: i + 1, field, message: 'this person is not bound for your factories' });
      continue;
    }
    const arrivedAt = new Date(a.arrivedAt);
    if (arrivedAt < found.depart_at)
      invalid.push({
        row: i + 1,
        field: 'arrivedAt',
        message: `arrival ${a.arrivedAt} is before the trip departed at ${found.depart_at.toISOString()}`,
      });
    const fresh = open(found);
    if (fresh) mine.add(found.id);
    out.push({ seat: found, arrivedAt, actor: r.principal.keyId, fresh });
  }
  if (refused.length) return new ForbiddenError(`${refused.length} arrival(s) refused; nothing was recorded`, refused);
  if (invalid.length) return new ValidationError(`${invalid.length} arrival(s) invalid; nothing was recorded`, invalid);
  for (const id of mine) taken.add(id);
  return out;
}

/** The subsidy each fresh arrival would make payable, with its audit records either way; none when not eligible. */
function subsidyRows(deps: ArrivalDeps, provinces: ReturnType<typeof provinceMaps>, fresh: Accepted[]) {
  const { subsidy, planner } = deps.policies;
  return fresh.flatMap(({ seat, arrivedAt, actor }) => {
    const home = provinces.provinceOfCounty.get(seat.county_code) ?? seat.county_code.slice(0, 2);
    const dest = seat.province_code ?? provinces.factoryProvince.get(seat.factory_id) ?? '';
    const amount = subsidyFen(subsidy, {
      homeProvince: home,
      destinationProvince: dest,
      registeredPoor: seat.registered_poor,
      costShareFen: seat.cost_share_fen,
    });
    if (amount <= 0) return [];
    const year = policyYear(arrivedAt, planner.utcOffsetMin);
    const cap = subsidyCapFen(subsidy, home, dest);
    const computed = {
      workerId: seat.id,
      idNumber: seat.id_masked,
      policyYear: year,
      costShareFen: seat.cost_share_fen,
      capFen: cap,
      amountFen: amount,
      status: 'payable',
    };
    const refused = { idNumber: seat.id_masked, policyYear: year, amountFen: 0 };
    return [
      {
        seat,
        arrivedAt,
        actor,
        year,
        cap,
        amount,
        computed: JSON.stringify(computed),
        refused: JSON.stringify(refused),
      },
    ];
  });
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
        $18::jsonb[], $19::jsonb[]) WITH ORDINALITY
        AS i(worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen, actor, computed, refused, n)
      WHERE i.worker_id IN (SELECT worker_id FROM a)),
    s AS (
      INSERT INTO subsidies (worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen)
      SELECT worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, cap_fen, amount_fen FROM i ORDER BY n
      ON CONFLICT (id_hash, policy_year) DO NOTHING RETURNING id, worker_id, amount_fen),
    l AS (
      INSERT INTO audit_log (actor, action, entity, entity_id, after)
      SELECT i.actor,
        CASE WHEN s.id IS NULL THEN 'subsidy.refused-already-paid-this-year' ELSE 'subsidy.computed' END,
        CASE WHEN s.id IS NULL THEN 'worker' ELSE 'subsidy' END,
        COALESCE(s.id::text, i.worker_id::text),
        CASE WHEN s.id IS NULL THEN i.refused ELSE i.computed END
      FROM i LEFT JOIN s ON s.worker_id = i.worker_id)
    SELECT a.worker_id, s.amount_fen FROM a LEFT JOIN s ON s.worker_id = a.worker_id`;

async function writeArrivals(
  db: Database,
  fresh: Accepted[],
  subsidies: ReturnType<typeof subsidyRows>,
): Promise<Map<string, number>> {
  if (!fresh.length) return new Map();
  const a = [...fresh].sort((x, y) => (x.seat.id < y.seat.id ? -1 : 1));
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
  ];
  const rows = await queryPrepared<{ worker_id: string; amount_fen: number | null }>(
    db,
    'arrivals-write',
    WRITE_ARRIVALS,
    values,
  );
  return new Map(rows.map((x) => [x.worker_id, x.amount_fen ?? 0]));
}
