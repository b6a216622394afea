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

/** How a bus leg is driven: crews in turn, drivers per crew, and the hours each driver works. */
export const DutySchema = z.object({
  /** Crews that drive the leg in turn: more than one means a relay change hands the bus to a fresh crew. */
  crews: z.number().int().positive(),
  driversPerCrew: z.number().int().min(1).max(2),
  /** Minutes the bus is driven (breaks, rests and dwell excluded). */
  drivingMin: z.number().int().nonnegative(),
  /** The most any one driver drives in any 24 h of the leg (the rule: at most 8 h). */
  maxDriverMinPer24h: z.number().int().nonnegative(),
  /** Overnight rests inserted because the crew's hours were spent. */
  overnightRests: z.number().int().nonnegative(),
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
  /**
   * The physical vehicle, unique in the plan: legs of several trips with the same key are one pooled vehicle (a flight
   * with travellers of several counties), each trip's leg carrying its own passengers and its share of the cost.
   */
  vehicleKey: z.string().optional(),
  /** The label people know the vehicle by, unique across batches ("141028-0302-07"): given when the plan is stored. */
  vehicleLabel: z.string().optional(),
  /** Bus legs: crews, drivers and driving hours. */
  duty: DutySchema.optional(),
  /** Trains and flights: the timetabled service taken, or an estimate where no offer is loaded. */
  service: z.object({ number: z.string(), offerId: z.string().nullable(), estimated: z.boolean() }).optional(),
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

/** The ways a pool could travel: bus, chartered flight or special train, reserved carriages, seats among the public. */
export const TravelOption = z.enum(['bus', 'flight', 'train-special', 'train-carriage', 'train-seats', 'flight-seats']);
export type TravelOption = z.infer<typeof TravelOption>;

/** Why an option was taken or dropped: stable codes the console translates. */
export const OptionCode = z.enum([
  'chosen',
  'costlier',
  'over-hours',
  'below-min-fill',
  'no-hub',
  'same-hub',
  'too-short',
  'group-too-large',
  'bus-takes-group',
  'no-vehicle',
  'no-offer',
]);
export type OptionCode = z.infer<typeof OptionCode>;

/** One option the planner compared for a pool, with its figures and the code of the outcome. */
export const ModeOptionSchema = z.object({
  option: TravelOption,
  code: OptionCode,
  /** Travellers pooled for the option, and the least it needs (a charter's minimum fill). */
  pooled: z.number().int().nonnegative(),
  minimum: z.number().int().nonnegative().nullable(),
  /** Chartered vehicles (or carriages, seat blocks) it would take; the rest travel by `restBy`. */
  vehicles: z.number().int().nonnegative(),
  restBy: TravelOption.nullable(),
  estimateFen: z.number().int().nonnegative().nullable(),
  hours: z.number().nonnegative().nullable(),
  /** Changes of vehicle on the way, and the rank: cost plus hours and changes valued per traveller (config). */
  transfers: z.number().int().nonnegative().default(0),
  scoreFen: z.number().int().nonnegative().nullable().default(null),
  limitHours: z.number().positive(),
  /** Hub codes (IATA, station code) at either end. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  text: z.string(),
});
export type ModeOption = z.infer<typeof ModeOptionSchema>;

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
  /** Every option compared for this trip's pool, the chosen one and the dropped ones with why. */
  modeOptions: z.array(ModeOptionSchema).default([]),
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
export type Duty = z.infer<typeof DutySchema>;
export type PlanTrip = z.infer<typeof PlanTripSchema>;
export type HeldWorker = z.infer<typeof HeldWorkerSchema>;
export type PlanTotals = z.infer<typeof PlanTotalsSchema>;
export type Plan = z.infer<typeof PlanSchema>;
