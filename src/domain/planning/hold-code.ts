import { z } from 'zod';

/** Why a worker is held back instead of travelling: each code has a translated reason in the console. */
export const HoldCode = z.enum([
  'health-code-yellow',
  'health-code-red',
  'health-code-unrecognised',
  'nucleic-test-missing',
  'nucleic-test-expired',
  'already-planned',
  'family-member-held',
  'no-route',
  'boarding-check-failed',
]);
export type HoldCode = z.infer<typeof HoldCode>;
