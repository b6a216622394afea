import { z } from 'zod';

const Count = z.number().int().nonnegative();

/**
 * `POST /batches/:id/workers` → 201: how many were added, the trips that took some (by key) and, per row sent,
 * the stored worker's id, so a client can find in the plan where each one went (a trip or the held list).
 */
export const AddWorkersAnswerSchema = z.object({
  added: Count,
  joinedTrips: z.array(z.string()),
  newTrips: z.array(z.string()),
  held: Count,
  /** One entry per row sent, in order; `row` is the row's number in that request (1-based). */
  workers: z.array(z.object({ row: z.number().int().positive(), workerId: z.string() })),
});
export type AddWorkersAnswer = z.infer<typeof AddWorkersAnswerSchema>;
