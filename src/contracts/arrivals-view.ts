import { z } from 'zod';
import { Mode } from '../domain/planning/plan-schema';
import { ArrivalStatus } from './arrivals';
import { SubsidyStatus } from './subsidies-view';

/** One passenger bound for an enterprise's factory (`GET /arrivals/expected`); ID and phone numbers masked. */
export const ExpectedArrivalSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  village: z.string(),
  countyCode: z.string(),
  tripId: z.string(),
  tripKey: z.string(),
  mode: Mode,
  factoryId: z.string(),
  departAt: z.iso.datetime(),
  expectedAt: z.iso.datetime(),
  arrivedAt: z.iso.datetime().nullable(),
  status: ArrivalStatus,
});
export type ExpectedArrival = z.infer<typeof ExpectedArrivalSchema>;

export const ExpectedArrivalsAnswerSchema = z.object({
  arrivals: z.array(ExpectedArrivalSchema),
  counts: z.object({ total: z.number().int(), arrived: z.number().int(), noShows: z.number().int() }),
});
export type ExpectedArrivalsAnswer = z.infer<typeof ExpectedArrivalsAnswerSchema>;

/**
 * `POST /arrivals`: how many were confirmed now or before, and the subsidies the new arrivals made: payable,
 * or pending-employment until the employment gate opens; in the policy year of the trip's departure.
 */
export const ArrivalResultSchema = z.object({
  confirmed: z.number().int(),
  alreadyConfirmed: z.number().int(),
  subsidies: z.array(
    z.object({
      workerId: z.string(),
      amountFen: z.number().int(),
      policyYear: z.number().int(),
      status: SubsidyStatus.extract(['pending-employment', 'payable']),
    }),
  ),
});
export type ArrivalResult = z.infer<typeof ArrivalResultSchema>;

/** `POST /employment`: what the enterprise's confirmations and withdrawals changed. */
export const EmploymentResultSchema = z.object({
  employed: z.number().int(),
  withdrawn: z.number().int(),
  /** Repeats of what was recorded before. */
  unchanged: z.number().int(),
  /** The subsidies of the people named, as they stand now (none for someone not eligible). */
  subsidies: z.array(z.object({ workerId: z.string(), subsidyId: z.string(), status: SubsidyStatus })),
});
export type EmploymentResult = z.infer<typeof EmploymentResultSchema>;
