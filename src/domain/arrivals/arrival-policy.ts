import { z } from 'zod';

export const ArrivalPolicySchema = z.object({
  /** A passenger not confirmed this long after the trip's planned arrival is listed as a no-show. */
  noShowAfterMin: z.number().int().nonnegative(),
});
export type ArrivalPolicy = z.infer<typeof ArrivalPolicySchema>;
