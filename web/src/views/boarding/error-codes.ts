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

/** The fields of a check (and of the request) a row error may name: each has a `boardingField_<field>`. */
export const BOARDING_FIELDS = [
  'workerId',
  'temperatureC',
  'mask',
  'codeColour',
  'familyDecision',
  'checkedAt',
] as const;
