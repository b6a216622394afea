import { z } from 'zod';
import { BearerSplitSchema } from '../domain/planning/bearer-split';
import { Mode } from '../domain/planning/plan-schema';

/** `PATCH /batches/:id/plan`: one dispatcher edit of a planned batch. */
export const PlanEditSchema = z.discriminatedUnion('op', [
  /** Moves a passenger (with their family) to another direct bus. */
  z.object({ op: z.literal('move'), workerId: z.uuid(), toTripId: z.uuid() }),
  /** Locks a trip against moves and re-planning, or unlocks it. */
  z.object({ op: z.literal('lock'), tripId: z.uuid(), locked: z.boolean() }),
  /** Re-plans every trip not locked, departed or boarding. */
  z.object({ op: z.literal('replan') }),
  /** Who bears a trip's legs (one leg by its seq, else all) and who operates them; shares are re-split. */
  z
    .object({
      op: z.literal('bearers'),
      tripId: z.uuid(),
      legSeq: z.number().int().nonnegative().optional(),
      bearers: BearerSplitSchema.optional(),
      operator: z.string().trim().min(1).max(100).nullable().optional(),
    })
    .refine((e) => e.bearers !== undefined || e.operator !== undefined, 'give bearers, operator or both'),
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
  z.object({
    op: z.literal('bearers'),
    tripKey: z.string(),
    legs: z.array(
      z.object({
        seq: z.number().int(),
        mode: Mode,
        costFen: z.number().int(),
        bearers: BearerSplitSchema,
        operator: z.string().nullable(),
        /** The leg's cost by bearer, in fen: government + employer + worker = costFen. */
        bearerFen: z.object({ government: z.number().int(), employer: z.number().int(), worker: z.number().int() }),
      }),
    ),
  }),
]);
export type PlanEditResult = z.infer<typeof PlanEditResultSchema>;
