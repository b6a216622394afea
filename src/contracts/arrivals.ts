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

/** A text filter of a query string: trimmed, and an empty one is no filter. */
const queryText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

/** Rows per page of `GET /arrivals/expected` unless the client asks otherwise, and the most it may ask for. */
export const ARRIVALS_PAGE = { default: 50, max: 500 } as const;

/**
 * `GET /arrivals/expected` (and `/no-shows`): `day` is a local calendar day of the planned arrival; `tab` one
 * status (none: all); `q` a name or the last 4–6 characters of an ID number; `vehicle` a trip id, a trip key, a
 * vehicle label or a vehicle key (keys repeat across batches: a key may name trips of several).
 */
export const ExpectedArrivalsQuery = z.object({
  factory: Slug.optional(),
  day: z.iso.date().optional(),
  tab: ArrivalStatus.optional(),
  q: queryText(40),
  vehicle: queryText(60),
  limit: z.coerce.number().int().min(1).max(ARRIVALS_PAGE.max).default(ARRIVALS_PAGE.default),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
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
