import type {
  SubsidiesAnswer,
  SubsidyListAnswer,
  SubsidyListsPage,
  SubsidyListView,
  SubsidyListWithItems,
} from '../contracts/subsidies-view';
import type { Clock } from '../clock';
import type { Principal } from '../auth/api-keys';
import { allows, countyScope, type Scope } from '../auth/policy';
import type { ListQuery, NewList, SubsidyFilter } from '../contracts/subsidies';
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
import {
  actionsFor,
  checkTransition,
  DONE,
  flowRecord,
  transitionColumns,
  type FlowContext,
  type ListStep,
} from './list-flow';

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
  if (county && !allows(scope, county))
    throw new ForbiddenError(`county ${county} is outside this key's scope`).because('county_outside_scope', {
      countyCode: county,
    });
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
  paymentReference: l.payment_reference,
});

/** The flow's clock and policy: read once per request, so a list's actions and its refusals agree. */
export const flowContext = (deps: ListDeps): FlowContext => ({
  now: deps.clock.now(),
  policy: { payerMustDifferFromApprover: deps.policies.subsidy.payerMustDifferFromApprover },
});

/** A list as the principal sees it: the record and what they may do with it now. */
const listAnswer = (l: SubsidyListRow, p: Principal, c: FlowContext): SubsidyListAnswer => ({
  ...listView(l),
  actions: actionsFor('list', flowRecord(l), p, c),
});

/** One page of the principal's counties' lists (one status, or awaiting their approval), newest first. */
export async function listLists(deps: ListDeps, p: Principal, q: ListQuery): Promise<SubsidyListsPage> {
  const c = flowContext(deps);
  const { rows, total } = await findLists(deps.db, {
    counties: countyScope(p),
    status: q.status,
    awaiting: q.awaiting === 'me' ? { keyId: p.keyId, now: c.now } : undefined,
    limit: q.limit,
    offset: q.offset,
  });
  return { lists: rows.map((l) => listAnswer(l, p, c)), total, limit: q.limit, offset: q.offset };
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
  return { ...listAnswer(list, p, flowContext(deps)), items };
}

/** A list about to be exported (full ID numbers): the export is audited before a byte leaves. */
export async function listForExport(deps: ListDeps, p: Principal, id: string, format: 'csv' | 'xlsx') {
  const list = visible(p, await findList(deps.db, id));
  await audit(deps.db, {
    at: deps.clock.now(),
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
    if (list.item_count === 0)
      throw new ConflictError(`no payable subsidies for county ${b.county} in that period`).because(
        'no_payable_subsidies',
        { countyCode: b.county },
      );
    await audit(tx, {
      at: deps.clock.now(),
      actor: p.keyId,
      action: 'subsidy-list.created',
      entity: 'subsidy-list',
      entityId: list.id,
      after: { countyCode: b.county, itemCount: list.item_count, totalFen: list.total_fen, status: 'draft' },
    });
    return list;
  });
  return listAnswer(saved, p, flowContext(deps));
}

/**
 * draft → published (public notice) → approved (by a second finance user, after the notice) → paid (with the
 * payment's reference; not by the approver when the policy says so). Refused steps: list-flow's refusals.
 */
export async function transitionList(deps: ListDeps, p: Principal, id: string, step: ListStep) {
  const c = flowContext(deps);
  const { action } = step;
  return inTransaction(deps.db, async (tx): Promise<SubsidyListAnswer> => {
    const list = visible(p, await lockList(tx, id));
    checkTransition('list', flowRecord(list), action, p, c);
    const before = listView(list);
    const record = { actor: p.keyId, action: `subsidy-list.${DONE[action]}`, entity: 'subsidy-list', entityId: id };
    if (step.action === 'withdraw') {
      await setListSubsidies(tx, id, 'payable');
      await deleteList(tx, id);
      await audit(tx, { ...record, at: c.now, before });
      const gone = { ...flowRecord(list), status: 'withdrawn' };
      return { ...before, status: 'withdrawn', actions: actionsFor('list', gone, p, c) };
    }
    const saved = await updateList(tx, id, changeOf(deps, p, step, c.now));
    if (action === 'pay') await setListSubsidies(tx, id, 'paid');
    await audit(tx, { ...record, at: c.now, before, after: listView(saved) });
    return listAnswer(saved, p, c);
  });
}

/** The columns a transition sets; its time is the clock's, the notice ends `noticeDays` after publication. */
function changeOf(deps: ListDeps, p: Principal, step: Exclude<ListStep, { action: 'withdraw' }>, now: Date) {
  const columns = transitionColumns(step, p, now);
  if (step.action !== 'publish') return columns;
  return { ...columns, notice_ends_at: new Date(now.getTime() + deps.noticeDays * 86_400_000) };
}
