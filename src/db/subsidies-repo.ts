import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/policy';
import type { SubsidyStatus, DB } from './schema';
import type { Database } from './database';
import { inList } from './in-list';

/** The employment gate's clock: when a status is read or a list is made, and the policy's days without withdrawal. */
export interface GateClock {
  now: Date;
  /** null: only the enterprise's confirmation opens the gate. */
  daysWithoutWithdrawal: number | null;
}

/**
 * A subsidy's status as of `now`: a subsidy pending employment whose days without withdrawal have passed since
 * the arrival is payable (domain/subsidy/employment-gate's `gateStatus`, for many rows at once in SQL).
 */
export function effectiveStatus(g: GateClock, table = 's') {
  const s = sql.table(table);
  if (g.daysWithoutWithdrawal === null) return sql<SubsidyStatus>`${s}.status`;
  return sql<SubsidyStatus>`CASE WHEN ${s}.status = 'pending-employment'
    AND ${s}.arrived_at + make_interval(days => ${g.daysWithoutWithdrawal}::int) <= ${g.now}::timestamptz
    THEN 'payable' ELSE ${s}.status END`;
}

export interface SubsidyQuery {
  /** Counties the key may see (null: all). */
  counties: Scope;
  /** The status as of the gate clock (see effectiveStatus). */
  status: SubsidyStatus;
  gate: GateClock;
  /** Arrived at or after. */
  from?: Date;
  /** Arrived before. */
  to?: Date;
}

/** Subsidies of the counties in scope, by county, arrival and id, with the list that holds each (if any). */
export async function findSubsidies(db: Database, f: SubsidyQuery) {
  const status = effectiveStatus(f.gate);
  let q = db
    .selectFrom('subsidies as s')
    .innerJoin('batch_workers as w', 'w.id', 's.worker_id')
    .innerJoin('trips as t', 't.id', 's.trip_id')
    .leftJoin('subsidy_list_items as i', 'i.subsidy_id', 's.id')
    .select([
      's.id',
      's.worker_id',
      'w.name',
      'w.id_masked',
      's.county_code',
      's.policy_year',
      't.depart_at',
      's.arrived_at',
      's.cost_share_fen',
      's.worker_share_fen',
      's.refund_percent',
      's.cap_fen',
      's.amount_fen',
      status.as('status'),
      'i.list_id',
    ])
    .where(status, '=', f.status)
    .orderBy('s.county_code')
    .orderBy('s.arrived_at')
    .orderBy('s.id');
  const counties = f.counties;
  if (counties) q = q.where((eb) => inList(eb, 's.county_code', counties));
  if (f.from) q = q.where('s.arrived_at', '>=', f.from);
  if (f.to) q = q.where('s.arrived_at', '<', f.to);
  return q.execute();
}

/** What the subsidy rule needs to know of a traveller, as stored with the batch. */
export interface SubsidyPerson {
  id: string;
  county_code: string;
  factory_id: string;
  registered_poor: boolean;
}

/** The subsidy facts of the workers named, in chunks of 5,000 ids (inside the caller's transaction). */
export async function findSubsidyPeople(db: Kysely<DB>, workerIds: readonly string[]): Promise<SubsidyPerson[]> {
  const people: SubsidyPerson[] = [];
  for (let i = 0; i < workerIds.length; i += 5000) {
    people.push(
      ...(await db
        .selectFrom('batch_workers')
        .select(['id', 'county_code', 'factory_id', 'registered_poor'])
        .where('id', 'in', workerIds.slice(i, i + 5000))
        .execute()),
    );
  }
  return people;
}
