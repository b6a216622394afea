import type { Principal } from '../auth/api-keys';
import type { ListTransition } from '../contracts/subsidies';
import {
  listActions,
  refusalOf,
  type FlowPolicy,
  type FlowRecord,
  type FlowRefusal,
  type FlowRefusalCode,
  type ListActions,
} from '../domain/subsidy/list-actions';
import { AppError } from '../errors';

/**
 * The finance flow shared by subsidy lists and operator statements (the rule: domain/subsidy/list-actions):
 * draft → published → approved (by a second finance user: maker ≠ approver, also a database constraint) →
 * paid with a payment reference (by someone other than the approver when the policy says so); a draft or
 * published one may be withdrawn.
 */
export const DONE: Record<ListTransition, string> = {
  publish: 'published',
  approve: 'approved',
  pay: 'paid',
  withdraw: 'withdrawn',
};

/** A maker approving their own list is refused as forbidden; the other refusals conflict with the state. */
const STATUS: Record<FlowRefusalCode, number> = {
  wrong_status: 409,
  maker_cannot_approve: 403,
  notice_running: 409,
  payer_is_approver: 409,
};

/** A step the flow refuses: its code is the refusal's, so a client can tell the reasons apart. */
export class FlowRefusedError extends AppError {
  constructor(r: FlowRefusal, facts: { action: ListTransition; status: string; thing: string }) {
    super(STATUS[r.code], r.code, r.message, r.until ? { until: r.until } : undefined);
    this.because(r.code, { ...facts, ...(r.until ? { until: r.until } : {}) });
  }
}

/** What the flow reads of the clock and the policy. */
export interface FlowContext {
  now: Date;
  policy: FlowPolicy;
}

/** The flow's view of a stored list or statement row. */
export const flowRecord = (row: {
  status: string;
  created_by: string;
  approved_by: string | null;
  notice_ends_at?: Date | null;
}): FlowRecord => ({
  status: row.status,
  createdBy: row.created_by,
  approvedBy: row.approved_by,
  noticeEndsAt: row.notice_ends_at ?? null,
});

/** Refuses a step the flow does not allow this principal now (the same rule as the answers' `actions`). */
export function checkTransition(what: string, r: FlowRecord, action: ListTransition, p: Principal, c: FlowContext) {
  const refusal = refusalOf(what, r, action, p.keyId, c.now, c.policy);
  if (refusal) throw new FlowRefusedError(refusal, { action, status: r.status, thing: what });
}

/** What the principal may do with the record now. */
export const actionsFor = (what: string, r: FlowRecord, p: Principal, c: FlowContext): ListActions =>
  listActions(what, r, p.keyId, c.now, c.policy);

/** A step of the flow; paying records the payment's reference (the API refuses a payment without one: 422). */
export type ListStep =
  { action: 'publish' } | { action: 'approve' } | { action: 'withdraw' } | { action: 'pay'; paymentReference: string };

/** The columns a publish, approve or pay sets; its time is the clock's, a payment keeps its reference. */
export function transitionColumns(step: Exclude<ListStep, { action: 'withdraw' }>, p: Principal, now: Date) {
  if (step.action === 'publish') return { status: 'published' as const, published_at: now };
  if (step.action === 'approve') return { status: 'approved' as const, approved_by: p.keyId, approved_at: now };
  return { status: 'paid' as const, paid_by: p.keyId, paid_at: now, payment_reference: step.paymentReference };
}
