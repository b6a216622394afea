import type { Kysely } from 'kysely';
import type { Scope } from '../auth/policy';
import type { SubsidyStatus, DB } from './schema';
import type { Database } from './database';
import { inList } from './in-list';

export interface SubsidyQuery {
  /** Counties the key may see (null: all). */
  counties: Scope;
  status: SubsidyStatus;
  /** Arrived at or after. */
  from?: Date;
  /** Arrived before. */
  to?: Date;
}

/** Subsidies of the counties in scope, by county, arrival and id, with the list that holds each (if any). */
export async function findSubsidies(db: Database, f: SubsidyQuery) {
  let q = db
    .selectFrom('subsidies as s')
    .innerJoin('batch_workers as w', 'w.id', 's.worker_id')
    .leftJoin('subsidy_list_items as i', 'i.subsidy_id', 's.id')
    .select([
      's.id',
      's.worker_id',
      'w.name',
      'w.id_masked',
      's.county_code',
      's.policy_year',
      's.arrived_at',
      's.cost_share_fen',
      's.cap_fen',
      's.amount_fen',
      's.status',
      'i.list_id',
    ])
    .where('s.status', '=', f.status)
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
