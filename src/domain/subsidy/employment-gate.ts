import type { SubsidyPolicy } from './subsidy-policy';

/** Where a subsidy stands: waiting for the employment gate, payable, on a list, paid, or withdrawn with the job. */
export type SubsidyStatus = 'pending-employment' | 'payable' | 'listed' | 'paid' | 'withdrawn';

const DAY_MS = 86_400_000;

/**
 * When the gate opens by time alone: `daysWithoutWithdrawal` days after the arrival (null: never by time,
 * only the enterprise's confirmation of employment opens it).
 */
export function gateOpensAt(policy: Pick<SubsidyPolicy, 'employmentGate'>, arrivedAt: Date): Date | null {
  const days = policy.employmentGate.daysWithoutWithdrawal;
  return days === null ? null : new Date(arrivedAt.getTime() + days * DAY_MS);
}

/** A new arrival's subsidy: payable at once when the gate is already open by time at `now` (a late confirmation). */
export function statusAtArrival(
  policy: Pick<SubsidyPolicy, 'employmentGate'>,
  arrivedAt: Date,
  now: Date,
): 'pending-employment' | 'payable' {
  const opens = gateOpensAt(policy, arrivedAt);
  return opens !== null && opens.getTime() <= now.getTime() ? 'payable' : 'pending-employment';
}

/**
 * The employment gate, evaluated at `now` (the clock's, when a list is made or a status is read; no timer):
 * a subsidy is payable once the enterprise confirmed the employment, or once the days without withdrawal
 * have passed since the arrival; a withdrawal before that closes it for good. db/subsidies-repo evaluates the
 * same rule in SQL for many rows at once (`effectiveStatus`).
 */
export function gateStatus(
  policy: Pick<SubsidyPolicy, 'employmentGate'>,
  s: { arrivedAt: Date; employedAt: Date | null; withdrawnAt: Date | null },
  now: Date,
): 'pending-employment' | 'payable' | 'withdrawn' {
  if (s.employedAt) return 'payable';
  if (s.withdrawnAt) return statusAtArrival(policy, s.arrivedAt, s.withdrawnAt) === 'payable' ? 'payable' : 'withdrawn';
  return statusAtArrival(policy, s.arrivedAt, now);
}
