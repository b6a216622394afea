import { z } from 'zod';

/**
 * The finance flow shared by subsidy lists and operator statements: draft → published → approved → paid, a
 * draft or published one may be withdrawn. Who may take which step now is decided here, once: the use cases
 * refuse with these refusals and every answer carries them as `actions`, so the console shows only the
 * buttons that can succeed and says why the others cannot.
 */
export const FlowAction = z.enum(['publish', 'approve', 'pay', 'withdraw']);
export type FlowAction = z.infer<typeof FlowAction>;

/** Stable codes, the same as the API's error codes when the step is tried anyway. */
export const FlowRefusalCode = z.enum(['wrong_status', 'maker_cannot_approve', 'notice_running', 'payer_is_approver']);
export type FlowRefusalCode = z.infer<typeof FlowRefusalCode>;

export const FlowRefusalSchema = z.object({
  code: FlowRefusalCode,
  message: z.string(),
  /** notice_running: the instant the public notice ends. */
  until: z.iso.datetime().optional(),
});
export type FlowRefusal = z.infer<typeof FlowRefusalSchema>;

/** What the caller may do with a list now; `why` names the steps its status allows that the caller may not take. */
export const ListActionsSchema = z.object({
  canPublish: z.boolean(),
  canApprove: z.boolean(),
  canPay: z.boolean(),
  canWithdraw: z.boolean(),
  why: z.partialRecord(FlowAction, FlowRefusalSchema).optional(),
});
export type ListActions = z.infer<typeof ListActionsSchema>;

/** The part of a list or statement the flow reads. */
export interface FlowRecord {
  status: string;
  createdBy: string;
  approvedBy: string | null;
  /** null: no public notice (a statement), or not published yet. */
  noticeEndsAt: Date | null;
}

export interface FlowPolicy {
  /** true: the approver of a list may not also mark it paid (four eyes on the payment too). */
  payerMustDifferFromApprover: boolean;
}

const FROM: Record<FlowAction, readonly string[]> = {
  publish: ['draft'],
  approve: ['published'],
  pay: ['approved'],
  withdraw: ['draft', 'published'],
};

/** Why `actorId` may not take `action` on the record at `now`, or null when the step would succeed. */
export function refusalOf(
  what: string,
  r: FlowRecord,
  action: FlowAction,
  actorId: string,
  now: Date,
  policy: FlowPolicy,
): FlowRefusal | null {
  if (!FROM[action].includes(r.status))
    return { code: 'wrong_status', message: `cannot ${action} a ${what} that is ${r.status}` };
  if (action === 'approve' && r.createdBy === actorId)
    return {
      code: 'maker_cannot_approve',
      message: `the maker of a ${what} cannot approve it: a second finance user must`,
    };
  if (action === 'approve' && r.noticeEndsAt && now < r.noticeEndsAt) {
    const until = r.noticeEndsAt.toISOString();
    return { code: 'notice_running', message: `the public notice runs until ${until}`, until };
  }
  if (action === 'pay' && policy.payerMustDifferFromApprover && r.approvedBy === actorId)
    return {
      code: 'payer_is_approver',
      message: `the approver of a ${what} cannot also mark it paid: another finance user must`,
    };
  return null;
}

/** Every step at once; a step the status does not allow is simply not possible and needs no reason. */
export function listActions(what: string, r: FlowRecord, actorId: string, now: Date, policy: FlowPolicy): ListActions {
  const refusals = FlowAction.options.map((a) => [a, refusalOf(what, r, a, actorId, now, policy)] as const);
  const why = Object.fromEntries(refusals.filter(([, x]) => x && x.code !== 'wrong_status'));
  const can = (a: FlowAction) => refusals.some(([b, x]) => b === a && x === null);
  return {
    canPublish: can('publish'),
    canApprove: can('approve'),
    canPay: can('pay'),
    canWithdraw: can('withdraw'),
    ...(Object.keys(why).length ? { why } : {}),
  };
}
