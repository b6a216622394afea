import type { StatementAnswer, StatementView, StatementWithItems } from '../contracts/operator-statements';
import type { NewStatement } from '../contracts/operator-statements';
import type { Principal } from '../auth/api-keys';
import { allows, countyScope } from '../auth/policy';
import { audit } from '../db/audit';
import {
  deleteStatement,
  findSettleableTrips,
  findStatement,
  findStatementItems,
  findStatements,
  insertDraftStatement,
  lockStatement,
  updateStatement,
  type NewStatementItem,
  type SettleableTrip,
  type StatementRow,
} from '../db/operator-statements-repo';
import { inTransaction } from '../db/unit-of-work';
import { legBearerFen } from '../domain/planning/costing';
import type { PlannerConfig } from '../domain/reference/planner-config';
import { ConflictError, NotFoundError } from '../errors';
import {
  actionsFor,
  checkTransition,
  DONE,
  flowRecord,
  transitionColumns,
  type FlowContext,
  type ListStep,
} from './list-flow';
import { countiesFor, flowContext, periodBound, type ListDeps } from './subsidy-lists';

export const statementView = (s: StatementRow): StatementView => ({
  id: s.id,
  countyCode: s.county_code,
  status: s.status,
  itemCount: s.item_count,
  totalFen: s.total_fen,
  periodFrom: s.period_from?.toISOString() ?? null,
  periodTo: s.period_to?.toISOString() ?? null,
  createdBy: s.created_by,
  createdAt: s.created_at.toISOString(),
  publishedAt: s.published_at?.toISOString() ?? null,
  approvedBy: s.approved_by,
  approvedAt: s.approved_at?.toISOString() ?? null,
  paidBy: s.paid_by,
  paidAt: s.paid_at?.toISOString() ?? null,
  paymentReference: s.payment_reference,
});

/** A statement as the principal sees it: the record and what they may do with it now (no public notice). */
const statementAnswer = (s: StatementRow, p: Principal, c: FlowContext): StatementAnswer => ({
  ...statementView(s),
  actions: actionsFor('statement', flowRecord(s), p, c),
});

/** A statement out of the key's counties answers like one that does not exist. */
function visible(p: Principal, s: StatementRow | undefined): StatementRow {
  if (!s || !allows(countyScope(p), s.county_code)) throw new NotFoundError('operator statement');
  return s;
}

/**
 * The statement lines of departed trips: each leg with a government share (largest remainder of the leg's
 * cost over its bearers), its operator, or a placeholder of its vehicle type when none was recorded.
 */
export function statementItems(trips: readonly SettleableTrip[], planner: PlannerConfig): NewStatementItem[] {
  const typeName = new Map(planner.vehicleTypes.map((v) => [v.id, `${v.name} ${v.nameEn}`]));
  return trips.flatMap((t) =>
    t.legs.flatMap((leg) => {
      const amount = legBearerFen(leg).government;
      if (amount <= 0) return [];
      const placeholder = `(承运方未登记 operator not recorded) ${typeName.get(leg.vehicleTypeId) ?? leg.vehicleTypeId}`;
      return [
        {
          trip_id: t.id,
          leg_seq: leg.seq,
          operator: leg.operator ?? placeholder,
          operator_known: leg.operator !== undefined,
          trip_key: t.key,
          mode: leg.mode,
          leg_kind: leg.kind,
          vehicle_type_id: leg.vehicleTypeId,
          route: `${leg.stops[0].name} → ${leg.stops.at(-1)!.name}`,
          depart_at: new Date(leg.stops[0].departAt ?? t.depart_at),
          distance_m: leg.distanceM,
          passengers: leg.passengerIds.length,
          leg_cost_fen: leg.costFen,
          government_percent: leg.bearers.government,
          amount_fen: amount,
        },
      ];
    }),
  );
}

/**
 * A draft statement of every government-borne vehicle of one county's trips that departed in the period and
 * by now, and is on no other statement (a vehicle is settled once, ever: a database key).
 */
export async function createStatement(deps: ListDeps, p: Principal, b: NewStatement): Promise<StatementView> {
  countiesFor(p, b.county);
  const from = periodBound(deps, b.from, false) ?? null,
    to = periodBound(deps, b.to, true) ?? null;
  const saved = await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const trips = await findSettleableTrips(tx, { countyCode: b.county, from, to, departedBy: now });
    const items = statementItems(trips, deps.policies.planner);
    const made = { countyCode: b.county, from, to, createdBy: p.keyId, createdAt: now };
    const s = await insertDraftStatement(tx, made, items);
    if (s.item_count === 0)
      throw new ConflictError(`no government-borne vehicles to settle for county ${b.county} in that period`).because(
        'no_vehicles_to_settle',
        { countyCode: b.county },
      );
    await audit(tx, {
      at: now,
      actor: p.keyId,
      action: 'operator-statement.created',
      entity: 'operator-statement',
      entityId: s.id,
      after: { countyCode: b.county, itemCount: s.item_count, totalFen: s.total_fen, status: 'draft' },
    });
    return s;
  });
  return statementAnswer(saved, p, flowContext(deps));
}

/** The statements of the principal's counties, newest first. */
export async function listStatements(deps: ListDeps, p: Principal): Promise<{ statements: StatementAnswer[] }> {
  const c = flowContext(deps);
  return { statements: (await findStatements(deps.db, countyScope(p))).map((s) => statementAnswer(s, p, c)) };
}

/** One statement with its vehicles and the total per operator. */
export async function getStatementWithItems(deps: ListDeps, p: Principal, id: string): Promise<StatementWithItems> {
  const s = visible(p, await findStatement(deps.db, id));
  const rows = await findStatementItems(deps.db, s.id);
  const byOperator = new Map<string, { operator: string; vehicles: number; amountFen: number }>();
  for (const r of rows) {
    const o = byOperator.get(r.operator) ?? { operator: r.operator, vehicles: 0, amountFen: 0 };
    byOperator.set(r.operator, { ...o, vehicles: o.vehicles + 1, amountFen: o.amountFen + r.amount_fen });
  }
  return {
    ...statementAnswer(s, p, flowContext(deps)),
    items: rows.map((r) => ({
      tripId: r.trip_id,
      tripKey: r.trip_key,
      legSeq: r.leg_seq,
      legKind: r.leg_kind,
      mode: r.mode,
      vehicleTypeId: r.vehicle_type_id,
      operator: r.operator,
      operatorKnown: r.operator_known,
      route: r.route,
      departAt: r.depart_at.toISOString(),
      distanceM: r.distance_m,
      passengers: r.passengers,
      legCostFen: r.leg_cost_fen,
      governmentPercent: r.government_percent,
      amountFen: r.amount_fen,
    })),
    byOperator: [...byOperator.values()],
  };
}

/** A statement about to be exported: the export is audited before a byte leaves. */
export async function statementForExport(deps: ListDeps, p: Principal, id: string, format: 'csv' | 'xlsx') {
  const s = visible(p, await findStatement(deps.db, id));
  await audit(deps.db, {
    at: deps.clock.now(),
    actor: p.keyId,
    action: `operator-statement.exported-${format}`,
    entity: 'operator-statement',
    entityId: s.id,
  });
  return s;
}

/**
 * draft → published (sent to the operators) → approved (by a second finance user) → paid (with the payment's
 * reference; not by the approver when the policy says so); or withdrawn.
 */
export async function transitionStatement(deps: ListDeps, p: Principal, id: string, step: ListStep) {
  const c = flowContext(deps);
  const { action } = step;
  return inTransaction(deps.db, async (tx): Promise<StatementAnswer> => {
    const s = visible(p, await lockStatement(tx, id));
    checkTransition('statement', flowRecord(s), action, p, c);
    const before = statementView(s);
    const record = {
      actor: p.keyId,
      action: `operator-statement.${DONE[action]}`,
      entity: 'operator-statement',
      entityId: id,
      at: c.now,
    };
    if (step.action === 'withdraw') {
      await deleteStatement(tx, id);
      await audit(tx, { ...record, before });
      const gone = { ...flowRecord(s), status: 'withdrawn' };
      return { ...before, status: 'withdrawn', actions: actionsFor('statement', gone, p, c) };
    }
    const saved = await updateStatement(tx, id, transitionColumns(step, p, c.now));
    await audit(tx, { ...record, before, after: statementView(saved) });
    return statementAnswer(saved, p, c);
  });
}
