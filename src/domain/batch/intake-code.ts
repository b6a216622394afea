import { z } from 'zod';

/**
 * Why a row (or the whole body, row 0) of a batch intake — `POST /batches`, its `?dryRun=1` preview and
 * `POST /batches/:id/workers` — was refused. The console words each code in zh and en from its `params`; the
 * English `message` beside it is for API users. A code is never renamed: county offices match on them.
 */
export const IntakeRowCode = z.enum([
  // Any field
  'required',
  'too_long',
  'control_characters',
  'type_invalid',
  'invalid',
  // Formats of single fields
  'id_format',
  'id_birth_date',
  'id_check_digit',
  'phone_format',
  'county_code_format',
  'province_code_format',
  'number_format',
  'coordinate_range',
  'health_code_invalid',
  'boolean_invalid',
  'date_format',
  'date_invalid',
  'account_type_invalid',
  'account_type_missing',
  'account_number_missing',
  'account_number_digits',
  'bank_card_length',
  'bank_card_check_digit',
  'benefit_card_length',
  'account_detail_without_number',
  // Plausibility (intake policy)
  'coordinate_outside_china',
  'too_far_from_county_seat',
  'outside_home_province',
  'date_year_range',
  'birth_after_departure',
  'age_out_of_range',
  // Across rows, reference data and the batch
  'duplicate_id_number',
  'family_mismatch',
  'county_unknown',
  'factory_unknown',
  'already_in_batch',
  'workers_required',
]);
export type IntakeRowCode = z.infer<typeof IntakeRowCode>;

/** What a code's words are filled with: numbers, codes, ISO instants or dates — never a worded sentence. */
export const IntakeRowParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type IntakeRowParams = z.infer<typeof IntakeRowParams>;

/** The code of a custom zod issue, carried in its `params` (see `issueParams`). */
export const issueParams = (code: IntakeRowCode, params: IntakeRowParams = {}) => ({ code, ...params });
