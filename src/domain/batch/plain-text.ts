import { z } from 'zod';
import { issueParams } from './intake-code';

// PostgreSQL text cannot hold NUL, and other control characters in a name or village only break
// printed manifests and exported lists, so they are refused at intake with the field named.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Trimmed, non-empty, bounded free text without control characters. */
export const plainText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), {
      message: `${label} must not contain control characters`,
      params: issueParams('control_characters'),
    });
