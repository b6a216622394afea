import type { Principal } from '../auth/api-keys';
import { countyScope } from '../auth/policy';
import type { BatchListAnswer, BatchListItem, BatchListQuery } from '../contracts/batch-list';
import { findBatchPage, type BatchListRow } from '../db/batch-list-repo';
import type { Database } from '../db/database';
import { LocalClock } from '../domain/planning/clock';

export interface BatchListDeps {
  db: Database;
  policies: { planner: { utcOffsetMin: number } };
}

const DAY_MS = 86_400_000;

const listItem = (b: BatchListRow): BatchListItem => ({
  id: b.id,
  name: b.name,
  status: b.status,
  progress: b.progress,
  counties: b.county_codes,
  workers: b.worker_count,
  // Before a plan, held counts only those seated elsewhere: who travels is not known yet.
  travelling: b.status === 'planned' ? b.worker_count - b.held_count : null,
  held: b.held_count,
  trips: b.trip_count,
  createdAt: b.created_at.toISOString(),
  plannedAt: b.planned_at?.toISOString() ?? null,
});

/**
 * The batches a key may see (its counties' for dispatchers and finance, all for an admin), newest first. `from`
 * and `to` are local days at the planner's offset: from its midnight up to the midnight after `to`.
 */
export async function listBatches(deps: BatchListDeps, p: Principal, q: BatchListQuery): Promise<BatchListAnswer> {
  const local = new LocalClock(deps.policies.planner.utcOffsetMin);
  const { total, rows } = await findBatchPage(deps.db, {
    scope: countyScope(p),
    status: q.status,
    text: q.q,
    createdFrom: q.from ? local.at(q.from, '00:00') : undefined,
    createdBefore: q.to ? new Date(local.at(q.to, '00:00').getTime() + DAY_MS) : undefined,
    limit: q.limit,
    offset: q.offset,
  });
  return { total, items: rows.map(listItem) };
}
