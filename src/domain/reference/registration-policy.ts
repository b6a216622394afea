import { distance, point } from '@turf/turf';
import { z } from 'zod';

/** What a self-registered factory must satisfy (fixtures/registration-policy.json). */
export const RegistrationPolicySchema = z.object({
  /**
   * A factory's coordinates must lie this close to its county's seat (a county is at most a few tens of km
   * across in the east, far more in the west: one generous bound catches swapped or mistyped coordinates).
   */
  factoryMaxKmFromCountySeat: z.number().positive(),
});
export type RegistrationPolicy = z.infer<typeof RegistrationPolicySchema>;

/** Why a factory cannot be placed where it says, or null: km from its county's seat, over the policy's bound. */
export function factoryPlacementProblem(
  policy: RegistrationPolicy,
  county: { name: string; lon?: number; lat?: number },
  at: { lon: number; lat: number },
): string | null {
  if (county.lon === undefined || county.lat === undefined) return null; // no seat known: nothing to check against
  const km = distance(point([at.lon, at.lat]), point([county.lon, county.lat]));
  const limit = policy.factoryMaxKmFromCountySeat;
  return km > limit ? `${Math.round(km)} km from the seat of ${county.name}; at most ${limit} km` : null;
}
