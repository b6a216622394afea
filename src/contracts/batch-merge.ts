import { z } from 'zod';
import { BatchNameSchema } from './batch-submission';
import { BatchStatus } from './plan-view';

/** The most batches one planning run takes together. */
export const MERGE_MAX_BATCHES = 50;

/**
 * `POST /batches/merge`: batches of the dispatcher's counties planned together as one new batch, so that their
 * workers pool across them (one first-mile bus, one flight for people listed in different batches).
 */
export const BatchMergeSchema = z.object(
  {
    name: BatchNameSchema,
    batchIds: z
      .array(z.uuid({ error: 'batch ids are UUIDs' }), { error: 'expected batchIds:[…]' })
      .min(2, 'merge at least two batches')
      .max(MERGE_MAX_BATCHES, `merge at most ${MERGE_MAX_BATCHES} batches at once`)
      .refine((ids) => new Set(ids).size === ids.length, 'each batch once'),
  },
  { error: 'expected {name, batchIds:[…]}' },
);
export type BatchMerge = z.infer<typeof BatchMergeSchema>;

/** → 202: the new batch (queued for planning) and the batches now merged into it. */
export const BatchMergeAnswerSchema = z.object({
  id: z.string(),
  status: BatchStatus,
  merged: z.array(z.string()),
  workers: z.number().int().nonnegative(),
  replayed: z.boolean(),
});
export type BatchMergeAnswer = z.infer<typeof BatchMergeAnswerSchema>;
