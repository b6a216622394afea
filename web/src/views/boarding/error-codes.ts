import type { ErrorReason } from '../../../../src/contracts/error-reasons';

/**
 * Every error code `GET`/`POST /trips/:id/boarding` can answer (the error taxonomy of src/errors.ts, the limiters,
 * boarding's own `boarding_closed`), plus the console's `network`: each has a `boardingError_<code>` sentence in
 * both languages (test/unit/web/boarding-messages.test.ts).
 */
export const BOARDING_ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'payload_too_large',
  'boarding_closed',
  'trip_departed',
  'not_found',
  'forbidden',
  'unauthorized',
  'too_many_failed_authentications',
  'rate_limited',
  'unavailable',
  'internal',
  'network',
] as const;
export type BoardingErrorCode = (typeof BOARDING_ERROR_CODES)[number];

/**
 * The refusal reasons boarding words itself (that nothing was recorded, and what to do next), each by the
 * sentence of the code it comes with. Any other reason is worded by the catalogue, which says which of a code's
 * cases it is (the role or the county refused; the trip or a passenger missing); the sentences by code are left
 * for an answer without a reason.
 */
export const BOARDING_REASON_WORDS: Partial<Record<ErrorReason, BoardingErrorCode>> = {
  body_invalid: 'validation_failed',
  boarding_checks_refused: 'validation_failed',
  body_not_json: 'bad_request',
  body_too_large: 'payload_too_large',
  boarding_closed: 'boarding_closed',
  trip_departed: 'trip_departed',
  key_invalid: 'unauthorized',
  too_many_failed_authentications: 'too_many_failed_authentications',
  rate_limited: 'rate_limited',
  unavailable: 'unavailable',
  internal: 'internal',
};

/** The fields of a check (and of the request) a row error may name: each has a `boardingField_<field>`. */
export const BOARDING_FIELDS = [
  'workerId',
  'temperatureC',
  'mask',
  'codeColour',
  'familyDecision',
  'checkedAt',
] as const;
