import { z } from 'zod';

/**
 * Why the API refused a request, as a stable machine reason beside the error's code: the console words each
 * reason in the reader's language from `error.params`, never from the English `message`. One catalogue, so a
 * reason a service throws is one the console can be checked to know.
 */
export const ErrorReason = z.enum([
  // Authentication and scope.
  'key_invalid',
  'sign_in_required',
  'role_forbidden',
  'admin_only',
  'csrf_failed',
  'too_many_failed_authentications',
  'rate_limited',
  'county_outside_scope',
  'counties_outside_scope',
  'no_county_scope',
  'county_required',
  'factory_county_forbidden',
  'finance_edits_no_factories',
  'offer_shared',
  // Lookups.
  'not_found',
  // Request shapes.
  'body_invalid',
  'body_not_json',
  'body_too_large',
  'workers_expected',
  'idempotency_key_too_long',
  'dashboard_key_field',
  'csv_unreadable',
  'csv_missing_columns',
  'csv_unknown_columns',
  'csv_field_twice',
  'csv_too_many_rows',
  // Reference data.
  'county_unknown',
  'factory_too_far',
  'reference_load_failed',
  // Batches and plans.
  'batch_problems',
  'batch_not_planned',
  'batch_merged',
  'batch_under_way',
  'merge_people_twice',
  'dispatchers_add_workers',
  'workers_already_in_batch',
  'worker_held_otherwise',
  'trip_departed',
  'rule_locked',
  'rule_direct_bus_only',
  'rule_same_trip',
  'rule_same_destination',
  'rule_same_county',
  'rule_capacity',
  'rule_ready_before_departure',
  'rule_schedule',
  'rule_no_such_leg',
  // Boarding, arrivals, employment.
  'boarding_checks_refused',
  'boarding_closed',
  'arrivals_refused',
  'arrivals_invalid',
  'workers_not_found',
  'employment_contradictions',
  // Fleet.
  'operator_exists',
  'plate_exists',
  'crew_changed',
  'vehicle_busy',
  'driver_busy',
  'vehicle_too_small',
  'leg_not_road',
  // Finance.
  'offer_import_invalid',
  'no_payable_subsidies',
  'no_vehicles_to_settle',
  'wrong_status',
  'maker_cannot_approve',
  'notice_running',
  'payer_is_approver',
  // Records and exports.
  'records_rule',
  'export_too_large',
  'unavailable',
  'internal',
]);
export type ErrorReason = z.infer<typeof ErrorReason>;

/** What a reason's words are filled with: numbers and strings only (instants as ISO strings). */
export const ErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorParams = z.infer<typeof ErrorParams>;

/** Every top-level `error.code` the API answers with (the reason tells cases of one code apart). */
export const ErrorCode = z.enum([
  'validation_failed',
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'unsupported_media_type',
  'unavailable',
  'payload_too_large',
  'internal',
  'too_many_failed_authentications',
  'rate_limited',
  'csrf_failed',
  'rule_violated',
  'trip_departed',
  'boarding_closed',
  'plate_exists',
  'operator_exists',
  'vehicle_busy',
  'driver_busy',
  'vehicle_too_small',
  'leg_not_road',
  'export_too_large',
  'wrong_status',
  'maker_cannot_approve',
  'notice_running',
  'payer_is_approver',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The things a 404 names (`params.thing`). */
export const NotFoundThing = z.enum([
  'batch',
  'trip',
  'leg',
  'passenger',
  'worker',
  'county',
  'factory',
  'offer',
  'operator',
  'vehicle',
  'driver',
  'subsidy',
  'subsidy list',
  'operator statement',
  'route',
  'job',
  'export',
  'other',
]);
export type NotFoundThing = z.infer<typeof NotFoundThing>;

/**
 * Codes of row errors outside batch intake (request shapes use the intake codes, see contracts/parse.ts):
 * the params of the arrival bounds are ISO instants.
 */
export const RowCode = z.enum([
  'arrival_not_bound',
  'arrival_before_departure',
  'arrival_in_future',
  'not_a_passenger',
  'checked_twice',
]);
export type RowCode = z.infer<typeof RowCode>;

/** A row error's code and (empty) params, spread into the row. */
export const rowCode = (code: RowCode): { code: RowCode; params: Record<string, never> } => ({ code, params: {} });
