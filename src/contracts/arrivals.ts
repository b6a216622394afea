import { z } from 'zod';
import { Slug } from '../domain/reference/places';

/** `POST /arrivals`: who arrived and when, each person named by worker id or by ID number. */
export const ArrivalsSchema = z.object({
  arrivals: z
    .array(
      z
        .object({
          workerId: z.uuid().optional(),
          idNumber: z.string().trim().min(15).max(18).optional(),
          arrivedAt: z.iso.datetime({ offset: true }),
        })
        .refine((a) => !!a.workerId !== !!a.idNumber, 'give exactly one of workerId and idNumber'),
    )
    .min(1)
    .max(5000),
});
export type ArrivalItem = z.infer<typeof ArrivalsSchema>['arrivals'][number];

export const ArrivalStatus = z.enum(['expected', 'arrived', 'no-show']);
export type ArrivalStatus = z.infer<typeof ArrivalStatus>;

/** `GET /arrivals/expected` (and `/no-shows`): `day` is a local calendar day of the planned arrival. */
export const ExpectedArrivalsQuery = z.object({
  factory: Slug.optional(),
  day: z.iso.date().optional(),
  status: ArrivalStatus.optional(),
});
export type ExpectedArrivalsQuery = z.infer<typeof ExpectedArrivalsQuery>;

/** `POST /employment`: the enterprise confirms that arrived workers are employed, or reports a withdrawal. */
export const EmploymentSchema = z.object({
  employment: z
    .array(
      z
        .object({
          workerId: z.uuid().optional(),
          idNumber: z.string().trim().min(15).max(18).optional(),
          status: z.enum(['employed', 'withdrawn']),
        })
        .refine((a) => !!a.workerId !== !!a.idNumber, 'give exactly one of workerId and idNumber'),
    )
    .min(1)
    .max(5000),
});
export type EmploymentItem = z.infer<typeof EmploymentSchema>['employment'][number];
