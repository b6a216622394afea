import type { Principal } from '../auth/api-keys';
import type { ListTransition } from '../contracts/subsidies';
import { ConflictError, ForbiddenError } from '../errors';

/**
 * The finance flow shared by subsidy lists and operator statements: draft → published → approved (by a
 * second finance user: maker ≠ approver, also a database constraint) → paid; a draft or published one
 * may be withdrawn.
 */
const FROM: Record<ListTransition, readonly string[]> = {
  publish: ['draft'],
  approve: ['published'],
  pay: ['approved'],
  withdraw: ['draft', 'published'],
};
export const DONE: Record<ListTransition, string> = {
  publish: 'published',
  approve: 'approved',
  pay: 'paid',
  withdraw: 'withdrawn',
};

/** Refuses a transition the current status does not allow (409), and approval by the maker (403). */
export function checkTransition(
  what: string,
  list: { status: string; created_by: string },
  action: ListTransition,
  p: Principal,
): void {
  if (!FROM[action].includes(list.status)) throw new ConflictError(`cannot ${action} a ${what} that is ${list.status}`);
  if (action === 'approve' && list.created_by === p.keyId)
    throw new ForbiddenError(`the maker of a ${what} cannot approve it: a second finance user must`);
}

/** The columns a publish, approve or pay sets; its time is the clock's. */
export function transitionColumns(action: 'publish' | 'approve' | 'pay', p: Principal, now: Date) {
  if (action === 'publish') return { status: 'published' as const, published_at: now };
  if (action === 'approve') return { status: 'approved' as const, approved_by: p.keyId, approved_at: now };
  return { status: 'paid' as const, paid_by: p.keyId, paid_at: now };
}
