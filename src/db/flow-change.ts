import type { Updateable } from 'kysely';

/**
 * A change of a subsidy list or operator statement row. Marking it paid names who paid, when, and the payment's
 * reference, and nothing else sets a reference: the database's check refuses a paid row without one (migration
 * 013); the type says so before a statement runs.
 */
export type FlowChange<T extends { status: unknown; payment_reference: unknown }> = Omit<
  Updateable<T>,
  'status' | 'payment_reference'
> &
  (
    | { status?: 'draft' | 'published' | 'approved' }
    | { status: 'paid'; paid_by: string; paid_at: Date; payment_reference: string }
  );
