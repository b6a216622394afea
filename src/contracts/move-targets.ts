import { z } from 'zod';

const Fen = z.number().int();

/** `GET /batches/:id/plan/move-targets?workerId=`: whose targets are asked. */
export const MoveTargetsQuerySchema = z.object({ workerId: z.uuid() });

/** A before/after pair of amounts in fen; `after` is null for a trip the move empties (it is removed). */
const Change = z.object({ before: Fen, after: Fen.nullable() });

/** One trip a passenger (with their family) may move to, and what the move would change. */
export const MoveTargetSchema = z.object({
  tripId: z.string(),
  tripKey: z.string(),
  /** Seats free on the target now, under its load cap (the movers need `movers.length` of them). */
  seatsFree: z.number().int().nonnegative(),
  /** The target trip's cost before and after the move. */
  toCostFen: Change,
  /** The trip moved from: its cost before and after (null when nobody else is aboard and it is removed). */
  fromCostFen: Change,
  /** The passenger's own cost share before and after. */
  shareFen: Change,
});
export type MoveTarget = z.infer<typeof MoveTargetSchema>;

/**
 * The answer: every trip the move itself would accept (the same rules, asked of the same code), cheapest change
 * of the plan's cost first; empty when there is none.
 */
export const MoveTargetsAnswerSchema = z.object({
  workerId: z.string(),
  fromTripId: z.string(),
  /** Who would move: the passenger and their family aboard the same trip. */
  movers: z.array(z.string()),
  targets: z.array(MoveTargetSchema),
});
export type MoveTargetsAnswer = z.infer<typeof MoveTargetsAnswerSchema>;
