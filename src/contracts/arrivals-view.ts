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
  /** Trip keys (T0001) repeat across batches: the batch's name tells them apart. */
  tripKey: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  /** The trip's vehicle label, unique across batches, where the plan gave one. */
  vehicleLabel: z.string().nullable(),
  mode: Mode,
  factoryId: z.string(),
  departAt: z.iso.datetime(),
  expectedAt: z.iso.datetime(),
  arrivedAt: z.iso.datetime().nullable(),
  status: ArrivalStatus,
});
export type ExpectedArrival = z.infer<typeof ExpectedArrivalSchema>;

/** How many people of a selection have each status. */
export const ArrivalCountsSchema = z.object({
  expected: z.number().int(),
  arrived: z.number().int(),
  'no-show': z.number().int(),
});
export type ArrivalCounts = z.infer<typeof ArrivalCountsSchema>;

/** A trip in the vehicle filter: what names it, and its people by status under every filter but vehicle and tab. */
export const ArrivalVehicleSchema = ExpectedArrivalSchema.pick({
  tripId: true,
  tripKey: true,
  batchId: true,
  batchName: true,
  vehicleLabel: true,
  mode: true,
  factoryId: true,
  expectedAt: true,
}).extend({ counts: ArrivalCountsSchema });
export type ArrivalVehicle = z.infer<typeof ArrivalVehicleSchema>;

/**
 * One page of `GET /arrivals/expected`: `total` people match every filter, `items` are those from `offset`;
 * `tabs` counts every filter but the tab, `vehicles` every filter but the vehicle and the tab.
 */
export const ExpectedArrivalsAnswerSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  items: z.array(ExpectedArrivalSchema),
  tabs: ArrivalCountsSchema,
  vehicles: z.array(ArrivalVehicleSchema),
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
