import { z } from 'zod';
import { ProvinceCode } from '../reference/places';

/** [west, south, east, north] in WGS84 degrees. */
const Box = z
  .tuple([z.number().gte(-180).lte(180), z.number().gte(-90).lte(90), z.number().gte(-180).lte(180), z.number()])
  .refine(
    ([w, s, e, n]) => w < e && s < n && n <= 90,
    'a box is [west, south, east, north] with west < east, south < north',
  );
export type Box = z.infer<typeof Box>;

/**
 * What intake accepts as plausible (fixtures/intake-policy.json). Every submitted row is checked against it
 * after its format: home coordinates near the home county, dates in a sane window of years, the age on the ID
 * number within the working ages at the worker's earliest departure.
 */
export const IntakePolicySchema = z
  .object({
    /** Age in whole years on the local day of the earliest departure, from the ID number's birth-date digits. */
    workingAge: z.object({ min: z.number().int().min(0), max: z.number().int().max(130) }),
    /**
     * Local calendar years a departure or nucleic-acid test may lie in: from `firstYear` (the programme's first
     * year) to the clock's year + `yearsAheadOfClock`.
     */
    dateYears: z.object({ firstYear: z.number().int().min(1900), yearsAheadOfClock: z.number().int().min(0).max(10) }),
    location: z.object({
      /** A box around mainland China: any home outside it is refused. */
      mainland: Box,
      /**
       * Greatest great-circle distance (km) of a home from its county: from the nearer of the county seat (when
       * the reference data has it) and the county's known villages.
       */
      maxKmFromCounty: z.number().positive(),
      /** The same for a county whose only known point is an approximate seat (its prefecture's). */
      maxKmFromApproximateSeat: z.number().positive(),
      /** Per-province overrides of maxKmFromCounty (e.g. the large counties of Xinjiang). */
      maxKmFromCountyByProvince: z.record(ProvinceCode, z.number().positive()).default({}),
      /** For counties with no known point at all: a box per province (else only the mainland box). */
      provinceBoxes: z.record(ProvinceCode, Box).default({}),
    }),
  })
  .refine((p) => p.workingAge.min <= p.workingAge.max, {
    message: 'workingAge.min must not exceed workingAge.max',
    path: ['workingAge'],
  });
export type IntakePolicy = z.infer<typeof IntakePolicySchema>;
