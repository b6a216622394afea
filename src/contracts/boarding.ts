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

/** A check recorded on the trip, with who it was (the passenger may have left the trip since). */
export const RecordedCheckViewSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  /** Masked, as everywhere but the finance export. */
  idNumber: z.string().nullable(),
  familyId: z.string().nullable(),
  temperatureC: z.number(),
  mask: z.boolean(),
  codeColour: HealthCode,
  passed: z.boolean(),
  checkedAt: z.iso.datetime(),
  /** Still a passenger of the trip (false: taken off at the door). */
  aboard: z.boolean(),
});

/**
 * `GET /trips/:id/boarding`: the door's record of one trip. `rules` are the checks the server applies, so a page
 * can say before sending whether a check fails; `familyHeld` are the family members taken off with someone who
 * failed here (they have no check of their own).
 */
export const BoardingViewSchema = z.object({
  tripId: z.string(),
  key: z.string(),
  seatsUsed: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  rules: z.object({ feverFromC: z.number(), maskRequired: z.boolean() }),
  checks: z.array(RecordedCheckViewSchema),
  familyHeld: z.array(
    z.object({ workerId: z.string(), name: z.string(), idNumber: z.string().nullable(), familyId: z.string() }),
  ),
});
export type BoardingView = z.infer<typeof BoardingViewSchema>;
export type RecordedCheckView = z.infer<typeof RecordedCheckViewSchema>;
