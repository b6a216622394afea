import type { SubsidiesAnswer, SubsidyListView, SubsidyListWithItems } from '../contracts/subsidies-view';
import type { Clock } from '../clock';
import type { Principal } from '../auth/api-keys';
import { allows, countyScope, type Scope } from '../auth/policy';
import type { ListTransition, NewList, SubsidyFilter } from '../contracts/subsidies';
import { audit } from '../db/audit';
import type { Database } from '../db/database';
import { findSubsidies, type GateClock } from '../db/subsidies-repo';
import {
  deleteList,
  findList,
  findListItems,
  findLists,
  insertDraftList,
  lockList,
  setListSubsidies,
  updateList,
  type SubsidyListRow,
} from '../db/subsidy-lists-repo';
import { inTransaction } from '../db/unit-of-work';
import { LocalClock } from '../domain/planning/clock';
import type { Policies } from '../reference/load-fixtures';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { checkTransition, DONE, transitionColumns } from './list-flow';

export interface ListDeps {
  db: Database;
  noticeDays: number;
  clock: Clock;
  policies: Pick<Policies, 'planner' | 'subsidy'>;
}

/** The employment gate as of the clock's now: which subsidies are payable at this moment. */
export const gateClock = (deps: ListDeps): GateClock => ({
  now: deps.clock.now(),
  daysWithoutWithdrawal: deps.policies.subsidy.employmentGate.daysWithoutWithdrawal,
});

/** Dates without a time are local days (at the planner's UTC offset): `from` at 00:00 and `to` through 24:00. */
export function periodBound(deps: ListDeps, v: string | undefined, end: boolean): Date | undefined {
  if (!v) return undefined;
  if (v.length !== 10) return new Date(v);
  const midnight = new LocalClock(deps.policies.planner.utcOffsetMin).at(v, '00:00');
  return end ? new Date(midnight.getTime() + 86_400_000) : midnight;
}

/** The counties a request covers: the one it names (403 outside the key's scope), else the key's scope. */
export function countiesFor(p: Principal, county?: string): Scope {
  const scope = countyScope(p);
  if (county && !allows(scope, county)) throw new ForbiddenError(`county ${county} is outside this key's scope`);
  return county ? [county] : scope;
}

/** Subsidies for the principal's counties in one status as of now (the employment gate's), ID numbers masked. */
export async function listSubsidies(deps: ListDeps, p: Principal, f: SubsidyFilter): Promise<SubsidiesAnswer> {
  const rows = await findSubsidies(deps.db, {
    counties: countiesFor(p, f.county),
    status: f.status ?? 'payable',
    gate: gateClock(deps),
    from: periodBound(deps, f.from, false),
    to: periodBound(deps, f.to, true),
  });
  return {
    subsidies: rows.map((r) => ({
      id: r.id,
      workerId: r.worker_id,
      name: r.name,
      idNumber: r.id_masked,
      countyCode: r.county_code,
      policyYear: r.policy_year,
      departAt: r.depart_at.toISOString(),
      arrivedAt: r.arrived_at.toISOString(),
      costShareFen: r.cost_share_fen,
      workerShareFen: r.worker_share_fen,
      refundPercent: r.refund_percent,
      capFen: r.cap_fen,
      amountFen: r.amount_fen,
      status: r.status,
      listId: r.list_id,
    })),
    totals: { count: rows.length, amountFen: rows.reduce((s, r) => s + r.amount_fen, 0) },
  };
}

/** A list out of the key's counties answers like one that does not exist. */
function visible(p: Principal, list: SubsidyListRow | undefined): SubsidyListRow {
  if (!list || !allows(countyScope(p), list.county_code)) throw new NotFoundError('subsidy list');
  return list;
}

export const listView = (l: SubsidyListRow): SubsidyListView => ({
  id: l.id,
  countyCode: l.county_code,
  status: l.status,
  itemCount: l.item_count,
  totalFen: l.total_fen,
  periodFrom: l.period_from?.toISOString() ?? null,
  periodTo: l.period_to?.toISOString() ?? null,
  createdBy: l.created_by,
  createdAt: l.created_at.toISOString(),
  publishedAt: l.published_at?.toISOString() ?? null,
  noticeEndsAt: l.notice_ends_at?.toISOString() ?? null,
  approvedBy: l.approved_by,
  approvedAt: l.approved_at?.toISOString() ?? null,
  paidBy: l.paid_by,
  paidAt: l.paid_at?.toISOString() ?? null,
});

/** The lists of the principal's counties, newest first. */
export async function listLists(deps: ListDeps, p: Principal): Promise<{ lists: SubsidyListView[] }> {
  return { lists: (await findLists(deps.db, countyScope(p))).map(listView) };
}

/** One list with its public notice: names and amounts, ID numbers masked. */
export async function getListWithItems(deps: ListDeps, p: Principal, id: string): Promise<SubsidyListWithItems> {
  const list = visible(p, await findList(deps.db, id));
  const items = (await findListItems(deps.db, list.id)).map((r) => ({
    subsidyId: r.id,
    name: r.name,
    idNumber: r.id_masked,
    village: r.village,
    countyCode: r.county_code,
    amountFen: r.amount_fen,
    arrivedAt: r.arrived_at.toISOString(),
  }));
  return { ...listView(list), items };
}

/** A list about to be exported (full ID numbers): the export is audited before a byte leaves. */
export async function listForExport(deps: ListDeps, p: Principal, id: string, format: 'csv' | 'xlsx') {
  const list = visible(p, await findList(deps.db, id));
  await audit(deps.db, {
    actor: p.keyId,
    action: `subsidy-list.exported-${format}`,
    entity: 'subsidy-list',
    entityId: list.id,
  });
  return list;
}

/** A draft list of every subsidy of one county in the period payable now and not yet on another list. */
export async function createList(deps: ListDeps, p: Principal, b: NewList) {
  countiesFor(p, b.county);
  const from = periodBound(deps, b.from, false) ?? null,
    to = periodBound(deps, b.to, true) ?? null;
  const saved = await inTransaction(deps.db, async (tx) => {
    const list = await insertDraftList(tx, {
      countyCode: b.county,
      from,
      to,
      createdBy: p.keyId,
      gate: gateClock(deps),
    });
    if (list.item_count === 0) throw new ConflictError(`no payable subsidies for county ${b.county} in that period`);
    await audit(tx, {
      actor: p.keyId,
      action: 'subsidy-list.created',
      entity: 'subsidy-list',
      entityId: list.id,
      after: { countyCode: b.county, itemCount: list.item_count, totalFen: list.total_fen, status: 'draft' },
    });
    return list;
  });
  return listView(saved);
}

/** draft → published (public notice) → approved (by a second finance user, after the notice) → paid. */
export async function transitionList(deps: ListDeps, p: Principal, id: string, action: ListTransition) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const list = visible(p, await lockList(tx, id));
    checkTransition('list', list, action, p);
    const before = listView(list);
    const record = { actor: p.keyId, action: `subsidy-list.${DONE[action]}`, entity: 'subsidy-list', entityId: id };
    if (action === 'withdraw') {
      await setListSubsidies(tx, id, 'payable');
      await deleteList(tx, id);
      await audit(tx, { ...record, before });
      return { ...before, status: 'withdrawn' };
    }
    if (action === 'approve' && list.notice_ends_at && now < list.notice_ends_at)
      throw new ConflictError(`the public notice runs until ${list.notice_ends_at.toISOString()}`);
    const saved = await updateList(tx, id, changeOf(deps, p, action, now));
    if (action === 'pay') await setListSubsidies(tx, id, 'paid');
    await audit(tx, { ...record, before, after: listView(saved) });
    return listView(saved);
  });
}

/** The columns a transition sets; its time is the clock's, the notice ends `noticeDays` after publication. */
function changeOf(deps: ListDeps, p: Principal, action: 'publish' | 'approve' | 'pay', now: Date) {
  const columns = transitionColumns(action, p, now);
  if (action !== 'publish') return columns;
  return { ...columns, notice_ends_at: new Date(now.getTime() + deps.noticeDays * 86_400_000) };
}
