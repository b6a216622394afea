import { z } from 'zod';
import { HealthCode, PassengerChecksSchema } from '../domain/health/health-checks';
import { Mode, ModeOptionSchema, PlanLegSchema } from '../domain/planning/plan-schema';
import { TripStatus } from '../domain/planning/trip-status';
import { PlanEditResultSchema } from './plan-edits';

/**
 * The JSON answers of `GET /batches/:id` and `GET /batches/:id/plan` (and of `PATCH /batches/:id/plan`),
 * the shapes the console reads. ID and phone numbers are masked (null when none is stored); money in fen.
 */
const Fen = z.number().int();
const Count = z.number().int().nonnegative();

export const BatchStatus = z.enum(['queued', 'planning', 'planned', 'failed', 'merged']);

export const BatchStatusViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: BatchStatus,
  /** 0–100. */
  progress: z.number().int(),
  revision: z.number().int(),
  error: z.string().nullable(),
  counts: z.object({ workers: Count, held: Count, trips: Count }),
  countyCodes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  plannedAt: z.iso.datetime().nullable(),
  /** Status `merged`: the batch planned with this one's workers now. */
  mergedInto: z.string().nullable(),
});
export type BatchStatusView = z.infer<typeof BatchStatusViewSchema>;

export const PassengerViewSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  village: z.string(),
  healthCode: HealthCode,
  registeredPoor: z.boolean(),
  familyId: z.string().nullable(),
  costShareFen: Fen,
  /** Expected subsidy: payable only after a confirmed arrival. */
  subsidyFen: Fen,
  /** The health check list: code colour and issuer, recognition, nucleic-acid test, the boarding check once made. */
  checks: PassengerChecksSchema,
  /** The payee account the subsidy goes to, masked (last four digits); null when the row gave none. */
  account: z.object({ type: z.enum(['bank-card', 'benefit-card']), number: z.string() }).nullable(),
});
export type PassengerView = z.infer<typeof PassengerViewSchema>;

export const TripViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  mode: Mode,
  vehicleTypeId: z.string(),
  capacity: Count,
  seatsUsed: Count,
  countyCode: z.string(),
  factoryId: z.string(),
  departAt: z.iso.datetime(),
  arriveAt: z.iso.datetime(),
  distanceM: Count,
  costFen: Fen,
  modeReason: z.string(),
  /** The label of the trip's main vehicle, unique across batches ("141028-0302-07"); null for older plans. */
  label: z.string().nullable(),
  /** Every option compared for this trip's pool: the chosen one and the dropped ones, each with its code. */
  modeOptions: z.array(ModeOptionSchema),
  /** Locked by a dispatcher (departed and boarding trips are left alone too, without this flag). */
  locked: z.boolean(),
  /** Where the trip stands by the service's clock: departed and arrived trips take no lock, move or check. */
  status: TripStatus,
  /** A trip everyone left at the door keeps its legs, with nobody aboard. */
  legs: z.array(PlanLegSchema.extend({ passengerIds: z.array(z.string()) })),
  passengers: z.array(PassengerViewSchema),
});
export type TripView = z.infer<typeof TripViewSchema>;

export const HeldViewSchema = z.object({
  workerId: z.string(),
  /** The worker's row in the batch as submitted (1-based). */
  row: z.number().int(),
  name: z.string(),
  idNumber: z.string().nullable(),
  village: z.string(),
  healthCode: HealthCode,
  code: z.string().nullable(),
  /**
   * What the code's words are filled with: `issuerProvince` and `destinationProvince` (2-digit codes) of a code
   * not recognised or a test required, `nucleicTestAt` (ISO instant) of an expired test, `batchId` of the other
   * batch of someone already planned (only when the viewer may see it).
   */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /**
   * Why. A person already planned in another open batch: that batch is named only to a key that may see it,
   * to others the reason is "already planned elsewhere".
   */
  reason: z.string().nullable(),
});
export type HeldView = z.infer<typeof HeldViewSchema>;

export const PlanViewTotalsSchema = z.object({
  workers: Count,
  travelling: Count,
  held: Count,
  trips: Count,
  tripsByMode: z.record(Mode, Count),
  vehiclesByMode: z.record(Mode, Count),
  seatsUsed: Count,
  seatsOffered: Count,
  costFen: Fen,
  subsidyFen: Fen,
});
export type PlanViewTotals = z.infer<typeof PlanViewTotalsSchema>;

/** `GET /batches/:id/plan`. */
export const PlanViewSchema = z.object({
  status: BatchStatus,
  batchId: z.string(),
  trips: z.array(TripViewSchema),
  held: z.array(HeldViewSchema),
  totals: PlanViewTotalsSchema,
});
export type PlanView = z.infer<typeof PlanViewSchema>;

/** `PATCH /batches/:id/plan`: what the edit did, and the plan after it. */
export const PlanEditAnswerSchema = PlanViewSchema.extend({ edit: PlanEditResultSchema });
export type PlanEditAnswer = z.infer<typeof PlanEditAnswerSchema>;
