import type { Clock } from '../clock';
import { sql } from 'kysely';
import { z } from 'zod';
import { inScope, type Principal } from '../auth/api-keys';
import { audit } from '../db/audit';
import type { Database } from '../db/database';
import { CountyCode } from '../domain/reference/places';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';

export const SubsidyFilterSchema = z.object({
  county: CountyCode.optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  status: z.enum(['payable', 'listed', 'paid']).optional(),
});
export const NewListSchema = z.object({
  county: CountyCode,
  from: SubsidyFilterSchema.shape.from,
  to: SubsidyFilterSchema.shape.to,
});

export interface ListDeps {
  db: Database;
  noticeDays: number;
  clock: Clock;
}

/** Dates without a time are local days: `from` at 00:00 and `to` through 24:00 China Standard Time. */
const bound = (v: string | undefined, end: boolean) =>
  !v ? undefined : v.length === 10 ? new Date(Date.parse(`${v}T00:00:00+08:00`) + (end ? 86_400_000 : 0)) : new Date(v);

function countiesFor(p: Principal, county?: string): string[] | null {
  if (p.role === 'admin') return county ? [county] : null;
  if (county && !inScope(p, county)) throw new ForbiddenError(`county ${county} is outside this key's scope`);
  return county ? [county] : [...p.scopes];
}

const parse = <T>(schema: z.ZodType<T>, v: unknown): T => {
  const r = schema.safeParse(v);
  if (!r.success)
    throw new ValidationError(
      'invalid request',
      r.error.issues.map((i) => ({ row: 0, field: i.path.join('.'), message: i.message })),
    );
  return r.data;
};

/** Subsidies for the principal's counties, ID numbers masked, with the total. */
export async function listSubsidies(deps: ListDeps, p: Principal, query: unknown) {
  const f = parse(SubsidyFilterSchema, query);
  const counties = countiesFor(p, f.county);
  let q = deps.db
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
    .where('s.status', '=', f.status ?? 'payable')
    .orderBy('s.county_code')
    .orderBy('s.arrived_at')
    .orderBy('s.id');
  if (counties) q = q.where('s.county_code', 'in', counties.length ? counties : ['-']);
  const from = bound(f.from, false),
    to = bound(f.to, true);
  if (from) q = q.where('s.arrived_at', '>=', from);
  if (to) q = q.where('s.arrived_at', '<', to);
  const rows = await q.execute();
  return {
    subsidies: rows.map((r) => ({
      id: r.id,
      workerId: r.worker_id,
      name: r.name,
      idNumber: r.id_masked,
      countyCode: r.county_code,
      policyYear: r.policy_year,
      arrivedAt: r.arrived_at.toISOString(),
      costShareFen: r.cost_share_fen,
      capFen: r.cap_fen,
      amountFen: r.amount_fen,
      status: r.status,
      listId: r.list_id,
    })),
    totals: { count: rows.length, amountFen: rows.reduce((s, r) => s + r.amount_fen, 0) },
  };
}

export async function getList(db: Database, p: Principal, id: string) {
  const list = await db.selectFrom('subsidy_lists').selectAll().where('id', '=', id).executeTakeFirst();
  if (!list || !(p.role === 'admin' || (p.role === 'finance' && inScope(p, list.county_code))))
    throw new NotFoundError('subsidy list');
  return list;
}

export const listView = (l: Awaited<ReturnType<typeof getList>>) => ({
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

/** A draft list of every payable subsidy of one county in the period not yet on another list. */
export async function createList(deps: ListDeps, p: Principal, body: unknown) {
  const b = parse(NewListSchema, body);
  countiesFor(p, b.county);
  return deps.db.transaction().execute(async (tx) => {
    const from = bound(b.from, false) ?? null,
      to = bound(b.to, true) ?? null;
    const list = await tx
      .insertInto('subsidy_lists')
      .values({ county_code: b.county, period_from: from, period_to: to, created_by: p.keyId })
      .returningAll()
      .executeTakeFirstOrThrow();
    const items = await sql<{ n: number; total: number }>`
      WITH picked AS (
        UPDATE subsidies s SET status = 'listed'
        WHERE s.county_code = ${b.county} AND s.status = 'payable'
          AND (${from}::timestamptz IS NULL OR s.arrived_at >= ${from}) AND (${to}::timestamptz IS NULL OR s.arrived_at < ${to})
        RETURNING s.id, s.amount_fen),
      ins AS (INSERT INTO subsidy_list_items (list_id, subsidy_id, amount_fen) SELECT ${list.id}, id, amount_fen FROM picked RETURNING amount_fen)
      SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS total FROM ins`.execute(tx);
    const { n, total } = items.rows[0];
    if (n === 0) throw new ConflictError(`no payable subsidies for county ${b.county} in that period`);
    const saved = await tx
      .updateTable('subsidy_lists')
      .set({ item_count: n, total_fen: Number(total) })
      .where('id', '=', list.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, {
      actor: p.keyId,
      action: 'subsidy-list.created',
      entity: 'subsidy-list',
      entityId: list.id,
      after: { countyCode: b.county, itemCount: n, totalFen: Number(total), status: 'draft' },
    });
    return saved;
  });
}

type Transition = 'publish' | 'approve' | 'pay' | 'withdraw';
const FROM: Record<Transition, string> = {
  publish: 'draft',
  approve: 'published',
  pay: 'approved',
  withdraw: 'draft|published',
};
const DONE: Record<Transition, string> = {
  publish: 'published',
  approve: 'approved',
  pay: 'paid',
  withdraw: 'withdrawn',
};

/** draft → published (public notice) → approved (by a second finance user, after the notice) → paid. */
export async function transitionList(deps: ListDeps, p: Principal, id: string, action: Transition) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    await getList(tx, p, id);
    const list = await tx
      .selectFrom('subsidy_lists')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!FROM[action].split('|').includes(list.status))
      throw new ConflictError(`cannot ${action} a list that is ${list.status}`);
    const before = listView(list);
    if (action === 'withdraw') {
      await tx
        .updateTable('subsidies')
        .set({ status: 'payable' })
        .where('id', 'in', tx.selectFrom('subsidy_list_items').select('subsidy_id').where('list_id', '=', id))
        .execute();
      await tx.deleteFrom('subsidy_lists').where('id', '=', id).execute();
      await audit(tx, {
        actor: p.keyId,
        action: 'subsidy-list.withdrawn',
        entity: 'subsidy-list',
        entityId: id,
        before,
      });
      return { ...before, status: 'withdrawn' };
    }
    if (action === 'approve' && list.created_by === p.keyId)
      throw new ForbiddenError('the maker of a list cannot approve it: a second finance user must');
    if (action === 'approve' && list.notice_ends_at && now < list.notice_ends_at)
      throw new ConflictError(`the public notice runs until ${list.notice_ends_at.toISOString()}`);
    const set =
      action === 'publish'
        ? {
            status: 'published' as const,
            published_at: now,
            notice_ends_at: new Date(now.getTime() + deps.noticeDays * 86_400_000),
          }
        : action === 'approve'
          ? { status: 'approved' as const, approved_by: p.keyId, approved_at: now }
          : { status: 'paid' as const, paid_by: p.keyId, paid_at: now };
    const saved = await tx
      .updateTable('subsidy_lists')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (action === 'pay')
      await tx
        .updateTable('subsidies')
        .set({ status: 'paid' })
        .where('id', 'in', tx.selectFrom('subsidy_list_items').select('subsidy_id').where('list_id', '=', id))
        .execute();
    await audit(tx, {
      actor: p.keyId,
      action: `subsidy-list.${DONE[action]}`,
      entity: 'subsidy-list',
      entityId: id,
      before,
      after: listView(saved),
    });
    return listView(saved);
  });
}

/** The public notice: names and amounts, ID numbers masked. */
export async function listItems(db: Database, listId: string) {
  const rows = await db
    .selectFrom('subsidy_list_items as i')
    .innerJoin('subsidies as s', 's.id', 'i.subsidy_id')
    .innerJoin('batch_workers as w', 'w.id', 's.worker_id')
    .select(['s.id', 'w.name', 'w.id_masked', 'w.village', 's.county_code', 'i.amount_fen', 's.arrived_at'])
    .where('i.list_id', '=', listId)
    .orderBy('w.name')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    subsidyId: r.id,
    name: r.name,
    idNumber: r.id_masked,
    village: r.village,
    countyCode: r.county_code,
    amountFen: r.amount_fen,
    arrivedAt: r.arrived_at.toISOString(),
  }));
}
