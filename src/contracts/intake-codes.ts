import { z } from 'zod';
import { IntakeRowCode, IntakeRowParams } from '../domain/batch/intake-code';

/**
 * Every code a batch intake's row error can carry (`POST /batches`, `?dryRun=1`, `POST /batches/:id/workers`):
 * one enum, so the console's translations can be checked against it.
 */
export { IntakeRowCode, IntakeRowParams };

/** One row error of a batch intake's 422 `details`. */
export const IntakeRowErrorSchema = z.object({
  /** CSV: the row's line as a spreadsheet shows it (header = 1); JSON: 1-based worker; 0: the whole body. */
  row: z.number().int().nonnegative(),
  field: z.string(),
  code: IntakeRowCode,
  params: IntakeRowParams,
  /** The English wording, for API users; the console words the code itself. */
  message: z.string(),
});
export type IntakeRowErrorView = z.infer<typeof IntakeRowErrorSchema>;
