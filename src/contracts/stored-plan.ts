import { z } from 'zod';
import { PassengerChecksSchema } from '../domain/health/health-checks';
import { ModeOptionSchema, PlanLegSchema } from '../domain/planning/plan-schema';

/**
 * A trip's legs as stored in `trips.legs` (jsonb): the planner's legs with their timed stops. A trip everyone
 * left at the door keeps its legs with nobody aboard (domain/planning/door-checks.ts).
 */
export const StoredLegsSchema = z.array(PlanLegSchema.extend({ passengerIds: z.array(z.string()) })).min(1);

/** The options a trip's pool compared, as stored in `trips.mode_options` (jsonb; empty for older plans). */
export const StoredModeOptionsSchema = z.array(ModeOptionSchema);

/** A passenger's check list as stored in `trip_passengers.checks` (jsonb). */
export const StoredChecksSchema = PassengerChecksSchema;

/**
 * Parses JSON read back from the database, once per row. A mismatch is a bug or a missed migration, not
 * bad input: it fails loudly and names the row instead of flowing on as a wrongly typed value.
 */
export function parseStored<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`stored ${where} does not match its schema: ${z.prettifyError(r.error)}`);
  return r.data;
}
