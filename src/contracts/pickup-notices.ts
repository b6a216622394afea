import { z } from 'zod';
import { DETAIL_LEVELS } from '../domain/notices/notice-words';

/**
 * `GET /trips/:id/notices[.csv]` and `GET /batches/:id/notices.csv`: the pick-up notice each passenger receives.
 * Phone numbers are in full (the SMS platform needs them): only the dispatchers of the trip's county see these.
 */
export const NoticeQuerySchema = z.object({
  /** Chinese (the SMS) by default; English is a variant for reading. */
  lang: z.enum(['zh', 'en']).default('zh'),
});
export type NoticeQuery = z.infer<typeof NoticeQuerySchema>;

export const NoticeViewSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  phone: z.string(),
  text: z.string(),
  /** Characters, as the SMS platform counts them, and the SMS parts they travel in. */
  length: z.number().int().positive(),
  smsParts: z.number().int().positive(),
  detail: z.enum(DETAIL_LEVELS),
  /** Longer than the policy's limit even at its shortest: shorten a name or place before sending. */
  overLimit: z.boolean(),
});
export type NoticeView = z.infer<typeof NoticeViewSchema>;

export const TripNoticesAnswerSchema = z.object({
  trip: z.object({ id: z.string(), batchId: z.string(), key: z.string(), label: z.string().nullable() }),
  lang: z.enum(['zh', 'en']),
  /** The policy's limit for this language, in characters. */
  maxLength: z.number().int().positive(),
  notices: z.array(NoticeViewSchema),
});
export type TripNoticesAnswer = z.infer<typeof TripNoticesAnswerSchema>;
