import { z } from 'zod';
import { MOBILE_RE, normalisePhone } from '../domain/identity/phone';

/**
 * Fleet and crew (`/fleet/operators`, `/fleet/vehicles`, `/fleet/drivers`, `PUT /trips/:id/legs/:seq/crew`,
 * `GET /trips/:id/crew`, `GET /trips/:id/driver-manifest`). Every record belongs to one county: `countyCode` may
 * be left out by a dispatcher of one county. Phones and licences come back masked, except in the driver's
 * manifest.
 */
const CountyCode = z.string().regex(/^\d{6}$/, 'a six-digit county code');
const Phone = z
  .string()
  .transform(normalisePhone)
  .refine((p) => MOBILE_RE.test(p), 'a mainland mobile number');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const OperatorInputSchema = z.object({
  countyCode: CountyCode.optional(),
  name: Text(100),
  /** The operator's emergency contact, printed on every vehicle plan. */
  contactName: Text(50).optional(),
  contactPhone: Phone.optional(),
});
export type OperatorInput = z.infer<typeof OperatorInputSchema>;

export const VehicleInputSchema = z.object({
  countyCode: CountyCode.optional(),
  operatorId: z.uuid(),
  /** A Chinese plate, e.g. 晋B·12345 (the dot optional): normalised without spaces or dots, upper case. */
  plate: z
    .string()
    .transform((s) => s.replace(/[\s·.]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, 'a plate such as 晋B12345')),
  vehicleType: Text(40),
  seats: z.number().int().min(1).max(120),
});
export type VehicleInput = z.infer<typeof VehicleInputSchema>;

export const DriverInputSchema = z.object({
  countyCode: CountyCode.optional(),
  operatorId: z.uuid(),
  name: Text(50),
  /** The driving licence number (in China the holder's ID number): 12 to 18 letters and digits. */
  licence: z
    .string()
    .transform((s) => s.replace(/\s/g, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{12,18}$/, '12 to 18 letters and digits')),
  phone: Phone,
});
export type DriverInput = z.infer<typeof DriverInputSchema>;

export const CrewInputSchema = z.object({
  vehicleId: z.uuid(),
  driverIds: z
    .array(z.uuid())
    .min(1)
    .max(4)
    .refine((ids) => new Set(ids).size === ids.length, 'each driver once'),
});
export type CrewInput = z.infer<typeof CrewInputSchema>;

export const OperatorViewSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
});
export type OperatorView = z.infer<typeof OperatorViewSchema>;

export const VehicleViewSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  plate: z.string(),
  vehicleType: z.string(),
  seats: z.number().int(),
});
export type VehicleView = z.infer<typeof VehicleViewSchema>;

export const DriverViewSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  name: z.string(),
  licence: z.string(),
  phone: z.string(),
});
export type DriverView = z.infer<typeof DriverViewSchema>;

/** One leg's crew: the vehicle (with its operator's emergency contact) and the drivers. */
export const LegCrewViewSchema = z.object({
  legSeq: z.number().int(),
  vehicle: VehicleViewSchema.extend({ contactName: z.string().nullable(), contactPhone: z.string().nullable() }),
  drivers: z.array(DriverViewSchema.pick({ id: true, name: true, licence: true, phone: true })),
  assignedAt: z.string(),
});
export type LegCrewView = z.infer<typeof LegCrewViewSchema>;

export const TripCrewAnswerSchema = z.object({ tripId: z.string(), crews: z.array(LegCrewViewSchema) });
export type TripCrewAnswer = z.infer<typeof TripCrewAnswerSchema>;

const ManifestStopSchema = z.object({
  name: z.string(),
  kind: z.string(),
  /** The station, airport or factory the stop is (null for a village pick-up or a rest): the console names it. */
  placeId: z.string().nullable(),
  /** Why the bus rests there (rest stops). */
  note: z.string().nullable(),
  arriveAt: z.string().nullable(),
  departAt: z.string().nullable(),
});

/**
 * A pooled bus: the whole run of a road leg's vehicle when other trips ride it too. Its stops in the order the
 * vehicle calls, and everyone aboard the reader may see, each with a seat unique on the vehicle and their trip.
 * Passengers of trips outside the key's counties are left out, only counted (their seats stay taken).
 */
export const VehicleRunSchema = z.object({
  /** The trips aboard the reader may see, in key order, this one among them. */
  trips: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      label: z.string().nullable(),
      countyCode: z.string(),
      passengers: z.number().int(),
    }),
  ),
  stops: z.array(ManifestStopSchema),
  /** In seat order: seats are numbered once for the vehicle, in the order people board it. */
  passengers: z.array(
    z.object({
      seat: z.number().int(),
      workerId: z.string(),
      name: z.string(),
      phone: z.string(),
      tripId: z.string(),
      tripKey: z.string(),
      boardsAt: z.string().nullable(),
      boardingTime: z.string().nullable(),
      /** The last stop of their trip's part of the run: their factory, or the hub a feeder bus runs to. */
      alightsAt: z.string().nullable(),
      alightingTime: z.string().nullable(),
    }),
  ),
  /** Passengers aboard from trips the key may not see. */
  notShown: z.number().int(),
});
export type VehicleRun = z.infer<typeof VehicleRunSchema>;

/**
 * `GET /trips/:id/driver-manifest`: what the driver needs at the door, with full phone numbers. `passengers` is the
 * trip's own roll, seated 1… in row order; a road leg other trips share carries `run`, everyone aboard that vehicle.
 */
export const DriverManifestSchema = z.object({
  trip: z.object({
    id: z.string(),
    batchId: z.string(),
    key: z.string(),
    label: z.string().nullable(),
    departAt: z.string(),
    arriveAt: z.string(),
  }),
  legs: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.string(),
      mode: z.string(),
      vehicleLabel: z.string().nullable(),
      /** This trip's part of the vehicle's stops. */
      stops: z.array(ManifestStopSchema),
      crew: LegCrewViewSchema.nullable(),
      /** Only on a bus other trips ride too; absent otherwise, so a vehicle of one trip answers as it always did. */
      run: VehicleRunSchema.optional(),
    }),
  ),
  passengers: z.array(
    z.object({
      seat: z.number().int(),
      workerId: z.string(),
      name: z.string(),
      phone: z.string(),
      boardsAt: z.string().nullable(),
      boardingTime: z.string().nullable(),
    }),
  ),
});
export type DriverManifest = z.infer<typeof DriverManifestSchema>;
