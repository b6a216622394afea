import { z } from 'zod';

export const ArrivalPolicySchema = z.object({
  /** A passenger not confirmed this long after the trip's planned arrival is listed as a no-show. */
  noShowAfterMin: z.number().int().nonnegative(),
  /**
   * An arrival may be dated at most this far past the server's clock (a gate terminal's clock running a little
   * ahead); any later is in the future and refused.
   */
  clockSkewMin: z.number().int().nonnegative().max(60).default(5),
});
export type ArrivalPolicy = z.infer<typeof ArrivalPolicySchema>;
