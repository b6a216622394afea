import { z } from 'zod';
import { BatchStatus } from './plan-view';

/** A local calendar day (the planner's `utcOffsetMin`); `2020-02-30` is refused, not read as 1 March. */
const Day = z.iso.date({ error: 'expected a calendar day YYYY-MM-DD' });
const Count = z.number().int().nonnegative();

/** A form sends `status=` for "any": an empty value means the parameter is absent. */
const withoutEmpty = (v: unknown): unknown =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v;

/**
 * `GET /batches?status=&q=&from=&to=&limit=&offset=`: the batches a key may see, newest first. `q` is a name
 * substring (any case) or an id prefix; `from` and `to` are local days of submission, both included.
 */
export const BatchListQuerySchema = z.preprocess(
  withoutEmpty,
  z
    .object({
      status: BatchStatus.optional(),
      q: z.string().trim().min(1).max(100).optional(),
      from: Day.optional(),
      to: Day.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    })
    .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'to is a day before from' }),
);
export type BatchListQuery = z.infer<typeof BatchListQuerySchema>;

/** One listed batch: what its row holds, no plan. `travelling` once planned (workers less held), else null. */
export const BatchListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: BatchStatus,
  /** 0–100. */
  progress: z.number().int(),
  counties: z.array(z.string()),
  workers: Count,
  travelling: Count.nullable(),
  held: Count,
  trips: Count,
  createdAt: z.iso.datetime(),
  plannedAt: z.iso.datetime().nullable(),
});
export type BatchListItem = z.infer<typeof BatchListItemSchema>;

export const BatchListAnswerSchema = z.object({ total: Count, items: z.array(BatchListItemSchema) });
export type BatchListAnswer = z.infer<typeof BatchListAnswerSchema>;
