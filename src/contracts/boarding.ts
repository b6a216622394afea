import { z } from 'zod';
import { HealthCode } from '../domain/health/health-checks';
import { FamilyDecision } from '../domain/planning/door-checks';
import { HoldCode } from '../domain/planning/hold-code';

/** One passenger's check at the vehicle door. */
export const BoardingCheckSchema = z.object({
  workerId: z.uuid(),
  temperatureC: z.number().min(30).max(45),
  mask: z.boolean(),
  codeColour: HealthCode.default('green'),
  /**
   * Read only when this check fails and the passenger travels with family: `hold-family` (the default) takes
   * the family off with them, `others-travel` is the dispatcher's decision that the others go on.
   */
  familyDecision: FamilyDecision.default('hold-family'),
});

/** `POST /trips/:id/boarding`: the checks of one vehicle; each item of `checks` is a row of the row errors. */
export const BoardingSchema = z.object({
  /** When the checks were made; the server's clock when absent. */
  checkedAt: z.iso.datetime({ offset: true }).optional(),
  checks: z.array(BoardingCheckSchema).min(1).max(2000),
});
export type BoardingChecks = z.infer<typeof BoardingSchema>;
export type BoardingCheck = z.infer<typeof BoardingCheckSchema>;

/** The answer: each check's verdict (a repeat answers the recorded one), and who this request took off the trip. */
export const BoardingAnswerSchema = z.object({
  tripId: z.string(),
  key: z.string(),
  seatsUsed: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  outcomes: z.array(z.object({ workerId: z.string(), passed: z.boolean(), reason: z.string().nullable() })),
  /** Taken off by this request and held: who failed (boarding-check-failed) and their family (family-member-held). */
  takenOff: z.array(z.object({ workerId: z.string(), code: HoldCode, reason: z.string() })),
});
export type BoardingAnswer = z.infer<typeof BoardingAnswerSchema>;
