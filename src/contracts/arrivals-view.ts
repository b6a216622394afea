import { z } from 'zod';
import { Mode } from '../domain/planning/plan-schema';
import { ArrivalStatus } from './arrivals';

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

/** `POST /arrivals`: how many were confirmed now or before, and the subsidies made payable. */
export const ArrivalResultSchema = z.object({
  confirmed: z.number().int(),
  alreadyConfirmed: z.number().int(),
  subsidies: z.array(z.object({ workerId: z.string(), amountFen: z.number().int() })),
});
export type ArrivalResult = z.infer<typeof ArrivalResultSchema>;
