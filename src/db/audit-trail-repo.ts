import type { Scope } from '../auth/policy';
import type { Database } from './database';
import { inList } from './in-list';

/** The records of one entity (an entity name and its id). */
export interface EntityRef {
  entity: string;
  entityId: string;
}

/**
 * The audit records of the given entities with their actor's role and label, in the order they were written
 * (the id: `at` may come from the service's clock or the database's, so it does not order them).
 */
export function findAuditTrail(db: Database, refs: readonly EntityRef[]) {
  if (!refs.length) return Promise.resolve([]);
  return db
    .selectFrom('audit_log as l')
    .leftJoin('api_keys as k', 'k.id', 'l.actor')
    .select(['l.id', 'l.at', 'l.actor', 'l.action', 'l.entity', 'l.entity_id', 'l.before', 'l.after'])
    .select(['k.role as actor_role', 'k.label as actor_label'])
    .where((eb) => eb.or(refs.map((r) => eb.and([eb('l.entity', '=', r.entity), eb('l.entity_id', '=', r.entityId)]))))
    .orderBy('l.id')
    .execute();
}

/** A subsidy of the counties in scope (null: all) with its worker and the list it is on, if any. */
export function findSubsidyRef(db: Database, id: string, counties: Scope) {
  let q = db
    .selectFrom('subsidies as s')
    .leftJoin('subsidy_list_items as i', 'i.subsidy_id', 's.id')
    .select(['s.id', 's.worker_id', 's.county_code', 'i.list_id'])
    .where('s.id', '=', id);
  if (counties) q = q.where((eb) => inList(eb, 's.county_code', counties));
  return q.executeTakeFirst();
}
