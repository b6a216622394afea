import { z } from 'zod';
import { HealthCode } from '../domain/health/health-checks';

/** One passenger's check at the vehicle door. */
export const BoardingCheckSchema = z.object({
  workerId: z.uuid(),
  temperatureC: z.number().min(30).max(45),
  mask: z.boolean(),
  codeColour: HealthCode.default('green'),
});

/** `POST /trips/:id/boarding`: the checks of one vehicle; each item of `checks` is a row of the row errors. */
export const BoardingSchema = z.object({
  /** When the checks were made; the server's clock when absent. */
  checkedAt: z.iso.datetime({ offset: true }).optional(),
  checks: z.array(BoardingCheckSchema).min(1).max(2000),
});
export type BoardingChecks = z.infer<typeof BoardingSchema>;
export type BoardingCheck = z.infer<typeof BoardingCheckSchema>;
