import { z } from 'zod';
import { PassengerChecksSchema } from '../health/health-checks';
import { HoldCode } from './hold-code';
import { BearerSplitSchema, WORKER_BEARS_ALL } from './bearer-split';

export const Mode = z.enum(['bus', 'train', 'flight']);
export type Mode = z.infer<typeof Mode>;

export { HoldCode };

export const PlanStopSchema = z.object({
  seq: z.number().int().nonnegative(),
  kind: z.enum(['pickup', 'station', 'airport', 'factory', 'rest']),
  placeId: z.string().nullable(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  arriveAt: z.iso.datetime().nullable(),
  departAt: z.iso.datetime().nullable(),
  /** Worker ids boarding here. */
  boarding: z.array(z.string()),
  /** Why a vehicle rests here (driving-time break, night curfew). */
  note: z.string().nullable(),
});

export const PlanLegSchema = z.object({
  seq: z.number().int().nonnegative(),
  kind: z.enum(['direct', 'first-mile', 'trunk', 'last-mile']),
  mode: Mode,
  vehicleTypeId: z.string(),
  capacity: z.number().int().positive(),
  drivers: z.number().int().nonnegative(),
  distanceM: z.number().int().nonnegative(),
  costFen: z.number().int().nonnegative(),
  stops: z.array(PlanStopSchema).min(2),
  passengerIds: z.array(z.string()).min(1),
  /** Who bears this leg's cost, in percent: the policy's default for its mode, or the dispatcher's choice. */
  bearers: BearerSplitSchema.default(WORKER_BEARS_ALL),
  /** The operator paid for the government's share of this vehicle, once known (else grouped by vehicle type). */
  operator: z.string().trim().min(1).max(100).optional(),
});

export const PlanPassengerSchema = z.object({
  workerId: z.string(),
  /** This person's exact share of the whole door-to-door trip cost. */
  costShareFen: z.number().int().nonnegative(),
  /** The part of costShareFen this person bears themselves (the worker's share of each leg, split evenly). */
  workerShareFen: z.number().int().nonnegative(),
  checks: PassengerChecksSchema,
});

export const PlanTripSchema = z.object({
  key: z.string(),
  mode: Mode,
  vehicleTypeId: z.string(),
  capacity: z.number().int().positive(),
  countyCode: z.string(),
  factoryId: z.string(),
  departAt: z.iso.datetime(),
  arriveAt: z.iso.datetime(),
  distanceM: z.number().int().nonnegative(),
  costFen: z.number().int().nonnegative(),
  modeReason: z.string(),
  legs: z.array(PlanLegSchema).min(1),
  passengers: z.array(PlanPassengerSchema).min(1),
});

export const HeldWorkerSchema = z.object({ workerId: z.string(), code: HoldCode, reason: z.string() });

export const PlanTotalsSchema = z.object({
  workers: z.number().int(),
  travelling: z.number().int(),
  held: z.number().int(),
  trips: z.number().int(),
  tripsByMode: z.record(Mode, z.number().int()),
  vehiclesByMode: z.record(Mode, z.number().int()),
  seatsUsed: z.number().int(),
  seatsOffered: z.number().int(),
  costFen: z.number().int(),
  /** costFen by bearer: government + employer + worker = costFen, to the fen. */
  bearerFen: z.object({ government: z.number().int(), employer: z.number().int(), worker: z.number().int() }),
});

export const PlanSchema = z.object({
  trips: z.array(PlanTripSchema),
  held: z.array(HeldWorkerSchema),
  totals: PlanTotalsSchema,
});

export type PlanStop = z.infer<typeof PlanStopSchema>;
export type PlanLeg = z.infer<typeof PlanLegSchema>;
export type PlanTrip = z.infer<typeof PlanTripSchema>;
export type HeldWorker = z.infer<typeof HeldWorkerSchema>;
export type PlanTotals = z.infer<typeof PlanTotalsSchema>;
export type Plan = z.infer<typeof PlanSchema>;
