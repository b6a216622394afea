import { z } from 'zod';
import { ProvinceCode } from '../reference/places';

const Issuers = z.union([z.literal('all'), z.array(ProvinceCode)]);

const DestinationRules = z.object({
  /**
   * Provinces whose health codes this destination accepts ('all' = nationwide mutual recognition); its own is always
   * accepted.
   */
  recognisedIssuers: Issuers,
  /** A nucleic-acid test no older than this at departure, or null when none is required. */
  nucleicTestMaxAgeHours: z.number().int().positive().nullable(),
});

/** Who may travel where, per destination province, plus the checks at boarding. */
export const HealthPolicySchema = z.object({
  defaults: DestinationRules,
  destinations: z.record(ProvinceCode, DestinationRules.partial()).default({}),
  boarding: z.object({
    /** A temperature at or above this fails boarding (2020 practice: 37.3 °C). */
    feverFromC: z.number().min(35).max(42),
    maskRequired: z.boolean(),
  }),
});

export type HealthPolicy = z.infer<typeof HealthPolicySchema>;
export type DestinationHealthRules = z.infer<typeof DestinationRules>;

export const rulesFor = (p: HealthPolicy, destinationProvince: string): DestinationHealthRules => ({
  ...p.defaults,
  ...p.destinations[destinationProvince],
});
