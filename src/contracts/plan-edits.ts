import { z } from 'zod';

/** `PATCH /batches/:id/plan`: one dispatcher edit of a planned batch. */
export const PlanEditSchema = z.discriminatedUnion('op', [
  /** Moves a passenger (with their family) to another direct bus. */
  z.object({ op: z.literal('move'), workerId: z.uuid(), toTripId: z.uuid() }),
  /** Locks a trip against moves and re-planning, or unlocks it. */
  z.object({ op: z.literal('lock'), tripId: z.uuid(), locked: z.boolean() }),
  /** Re-plans every trip not locked, departed or boarding. */
  z.object({ op: z.literal('replan') }),
]);
export type PlanEdit = z.infer<typeof PlanEditSchema>;

/** What an edit did (the `edit` field of the answer, next to the new plan). */
export const PlanEditResultSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('move'),
    moved: z.array(z.string()),
    fromTripKey: z.string(),
    toTripKey: z.string(),
    /** The trip moved from carried nobody else and is gone. */
    fromRemoved: z.boolean(),
  }),
  z.object({ op: z.literal('lock'), tripKey: z.string(), locked: z.boolean() }),
  z.object({ op: z.literal('replan'), replannedTrips: z.array(z.string()), newTrips: z.array(z.string()) }),
]);
export type PlanEditResult = z.infer<typeof PlanEditResultSchema>;
