import type { Principal } from '../auth/api-keys';
import { allows, countyScope } from '../auth/policy';
import type { AuditTrail } from '../contracts/subsidies-view';
import { findAuditTrail, findSubsidyRef, type EntityRef } from '../db/audit-trail-repo';
import type { Database } from '../db/database';
import { findStatement } from '../db/operator-statements-repo';
import { findList } from '../db/subsidy-lists-repo';
import { NotFoundError } from '../errors';

/**
 * The audit trails finance reads, scoped like the records they describe: a list's or statement's outside the
 * key's counties, or a subsidy's, answers like one that does not exist.
 */
async function trail(db: Database, refs: readonly EntityRef[]): Promise<AuditTrail> {
  const rows = await findAuditTrail(db, refs);
  return {
    entries: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actor: r.actor,
      actorRole: r.actor_role,
      actorLabel: r.actor_label,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
  };
}

/** A subsidy list's records: made, published, approved, paid (with its reference), exported. */
export async function listAuditTrail(deps: { db: Database }, p: Principal, id: string): Promise<AuditTrail> {
  const list = await findList(deps.db, id);
  if (!list || !allows(countyScope(p), list.county_code)) throw new NotFoundError('subsidy list');
  return trail(deps.db, [{ entity: 'subsidy-list', entityId: list.id }]);
}

/** An operator statement's records. */
export async function statementAuditTrail(deps: { db: Database }, p: Principal, id: string): Promise<AuditTrail> {
  const s = await findStatement(deps.db, id);
  if (!s || !allows(countyScope(p), s.county_code)) throw new NotFoundError('operator statement');
  return trail(deps.db, [{ entity: 'operator-statement', entityId: s.id }]);
}

/**
 * One person's subsidy from arrival to payment: the subsidy's records (computed), the worker's (employment
 * confirmed or withdrawn) and those of the list it is on now (made, published, approved, paid, exported).
 */
export async function subsidyAuditTrail(
  deps: { db: Database },
  p: Principal,
  id: string,
): Promise<AuditTrail & { subsidyId: string; workerId: string; listId: string | null }> {
  const s = await findSubsidyRef(deps.db, id, countyScope(p));
  if (!s) throw new NotFoundError('subsidy');
  const refs: EntityRef[] = [
    { entity: 'subsidy', entityId: s.id },
    { entity: 'worker', entityId: s.worker_id },
    ...(s.list_id ? [{ entity: 'subsidy-list', entityId: s.list_id }] : []),
  ];
  return { subsidyId: s.id, workerId: s.worker_id, listId: s.list_id, ...(await trail(deps.db, refs)) };
}
