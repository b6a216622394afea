import type { ArrivalResult } from '../contracts/arrivals-view';
import { factoryScope, allows } from '../auth/policy';
import type { Principal } from '../auth/api-keys';
import type { Clock } from '../clock';
import type { PersonalDataCipher } from '../crypto/personal-data';
import type { Database } from '../db/database';
import type { Places } from '../domain/reference/places';
import type { Policies } from '../reference/load-fixtures';
import type { ArrivalItem } from '../contracts/arrivals';
import { loadSeats, writeArrivals, type ArrivalWrite, type Seat, type SubsidyWrite } from '../db/arrivals-repo';
import { statusAtArrival } from '../domain/subsidy/employment-gate';
import { normaliseIdNumber } from '../domain/identity/id-number';
import { provinceIndex, type ProvinceIndex } from '../domain/reference/province-index';
import { policyYear } from '../domain/subsidy/policy-year';
import { travellerSubsidy } from '../domain/subsidy/subsidy-policy';
import { rowCode, type RowCode } from '../contracts/error-reasons';
import { ForbiddenError, ValidationError, type AppError, type RowError } from '../errors';

export interface ArrivalDeps {
  db: Database;
  places: () => Promise<Places>;
  policies: Policies;
  cipher: PersonalDataCipher;
  clock: Clock;
}

export interface ArrivalRequest {
  principal: Principal;
  items: ArrivalItem[];
}
export type { ArrivalResult };

interface Accepted extends ArrivalWrite {
  /** False for a repeat: the seat was confirmed before, or by an earlier arrival of this group. */
  fresh: boolean;
}

/**
 * Confirms the arrivals of several requests at once (see groupCommit): one read of the seats named, then
 * one write statement. Each request is all or nothing: one refused or invalid arrival fails that request
 * alone (an arrival must lie between the trip's departure and the clock's now plus the allowed skew). Each
 * person is confirmed once (a repeat is counted, not stored), their seat claim released, and their one-time
 * subsidy made (at most one per ID number and policy year, the year of the trip's departure, enforced by a
 * unique constraint), pending employment until the employment gate opens, with an audit record.
 */
export async function confirmArrivalGroup(
  deps: ArrivalDeps,
  requests: ArrivalRequest[],
): Promise<(ArrivalResult | AppError)[]> {
  const now = deps.clock.now();
  const provinces = provinceIndex(await deps.places());
  const seats = seatsByPerson(await seatsNamed(deps, requests));
  const taken = new Set<string>();
  const picked = requests.map((r) => pickSeats(deps, r, seats, taken, now));
  const fresh = picked.flatMap((p) => (Array.isArray(p) ? p.filter((a) => a.fresh) : []));
  const written = await writeArrivals(deps.db, fresh, subsidyRows(deps, provinces, fresh, now));
  const arrived = (a: Accepted) => a.fresh && written.has(a.seat.id);
  return picked.map((p) => {
    if (!Array.isArray(p)) return p;
    const confirmed = p.filter(arrived);
    return {
      confirmed: confirmed.length,
      alreadyConfirmed: p.length - confirmed.length,
      subsidies: confirmed.flatMap((a) => {
        const s = written.get(a.seat.id);
        return s ? [{ workerId: a.seat.id, ...s }] : [];
      }),
    };
  });
}

const hashOf = (deps: ArrivalDeps, idNumber: string) => deps.cipher.hash(normaliseIdNumber(idNumber));

/** Every seat of every person the requests name, in one read. */
function seatsNamed(deps: ArrivalDeps, requests: ArrivalRequest[]): Promise<Seat[]> {
  const items = requests.flatMap((r) => r.items);
  const ids = [...new Set(items.flatMap((i) => (i.workerId ? [i.workerId] : [])))];
  const hashes = [...new Set(items.flatMap((i) => (i.idNumber ? [hashOf(deps, i.idNumber)] : [])))];
  return loadSeats(deps.db, ids, hashes);
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
  now: Date,
): Accepted[] | AppError {
  const latest = new Date(now.getTime() + deps.policies.arrivals.clockSkewMin * 60_000);
  const refused: RowError[] = [],
    invalid: RowError[] = [],
    out: Accepted[] = [];
  const mine = new Set<string>();
  const factories = factoryScope(r.principal);
  for (const [i, a] of r.items.entries()) {
    const hash = a.idNumber ? hashOf(deps, a.idNumber) : null;
    const open = (s: Seat) => !s.confirmed && !taken.has(s.id) && !mine.has(s.id);
    const found = (seats.get(hash ? `h:${hash}` : `w:${a.workerId}`) ?? [])
      .filter((s) => allows(factories, s.factory_id))
      .sort((x, y) => Number(open(y)) - Number(open(x)) || y.depart_at.getTime() - x.depart_at.getTime())[0];
    const field = a.workerId ? 'workerId' : 'idNumber';
    if (!found) {
      refused.push({ row: i + 1, field, message: 'this person is not bound for your factories', ...NOT_BOUND });
      continue;
    }
    const arrivedAt = new Date(a.arrivedAt);
    const bound = arrivalBound(arrivedAt, found.depart_at, latest);
    if (bound)
      invalid.push({
        row: i + 1,
        field: 'arrivedAt',
        message: `arrival ${a.arrivedAt} ${bound.message}`,
        ...bound.coded,
      });
    const fresh = open(found);
    if (fresh) mine.add(found.id);
    out.push({ seat: found, arrivedAt, actor: r.principal.keyId, fresh });
  }
  if (refused.length)
    return new ForbiddenError(`${refused.length} arrival(s) refused; nothing was recorded`, refused).because(
      'arrivals_refused',
      { count: refused.length },
    );
  if (invalid.length)
    return new ValidationError(`${invalid.length} arrival(s) invalid; nothing was recorded`, invalid).because(
      'arrivals_invalid',
      { count: invalid.length },
    );
  for (const id of mine) taken.add(id);
  return out;
}

const NOT_BOUND = rowCode('arrival_not_bound');

/**
 * Why an arrival time is refused, naming the bound it breaks (the trip's departure, or now plus the skew) in
 * words and as a code with the bound as an ISO instant.
 */
function arrivalBound(
  arrivedAt: Date,
  departAt: Date,
  latest: Date,
): { message: string; coded: Pick<RowError, 'code' | 'params'> } | null {
  const coded = (code: RowCode, bound: Date) => ({
    code,
    params: { arrivedAt: arrivedAt.toISOString(), bound: bound.toISOString() },
  });
  if (arrivedAt < departAt)
    return {
      message: `is before the trip departed at ${departAt.toISOString()}`,
      coded: coded('arrival_before_departure', departAt),
    };
  if (arrivedAt > latest)
    return {
      message: `is in the future: an arrival may be dated up to ${latest.toISOString()}`,
      coded: coded('arrival_in_future', latest),
    };
  return null;
}

/**
 * The subsidy each fresh arrival would make (the one subsidy rule, on the seat's stored worker share, at the
 * refund rate of the trip's departure, in the policy year of that departure; payable or pending employment by
 * the employment gate at `now`), with its audit records either way; none when not eligible.
 */
function subsidyRows(deps: ArrivalDeps, provinces: ProvinceIndex, fresh: Accepted[], now: Date): SubsidyWrite[] {
  const { subsidy, planner } = deps.policies;
  return fresh.flatMap(({ seat, arrivedAt, actor }) => {
    const rule = travellerSubsidy(subsidy, provinces, {
      countyCode: seat.county_code,
      factoryId: seat.factory_id,
      registeredPoor: seat.registered_poor,
      workerShareFen: seat.worker_share_fen,
      departAt: seat.depart_at,
      destinationProvince: seat.province_code,
    });
    if (rule.amountFen <= 0) return [];
    const year = policyYear(seat.depart_at, planner.utcOffsetMin);
    const status = statusAtArrival(subsidy, arrivedAt, now);
    const computed = {
      workerId: seat.id,
      idNumber: seat.id_masked,
      policyYear: year,
      departAt: seat.depart_at.toISOString(),
      costShareFen: seat.cost_share_fen,
      workerShareFen: seat.worker_share_fen,
      ...rule,
      status,
    };
    const refused = { idNumber: seat.id_masked, policyYear: year, amountFen: 0 };
    const audit = { computed: JSON.stringify(computed), refused: JSON.stringify(refused) };
    return [
      {
        seat,
        arrivedAt,
        actor,
        year,
        cap: rule.capFen,
        refundPercent: rule.refundPercent,
        amount: rule.amountFen,
        status,
        ...audit,
      },
    ];
  });
}
