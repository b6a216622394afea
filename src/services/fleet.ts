import type { Principal } from '../auth/api-keys';
import { assertTripVisible } from '../auth/access';
import { allows, countyScope } from '../auth/policy';
import type {
  CrewInput,
  DriverInput,
  DriverView,
  LegCrewView,
  OperatorInput,
  OperatorView,
  TripCrewAnswer,
  VehicleInput,
  VehicleView,
} from '../contracts/fleet';
import type { PersonalDataCipher } from '../crypto/personal-data';
import type { Database } from '../db/database';
import {
  findCrewClash,
  findOperator,
  insertDriver,
  insertOperator,
  insertVehicle,
  listDrivers,
  listOperators,
  listVehicles,
  lockCrewResources,
  readTripCrews,
  replaceLegCrew,
  type DriverRow,
  type TripCrewRows,
  type VehicleRow,
} from '../db/fleet-repo';
import { readTrip, readVehicleLegs } from '../db/plan-queries';
import { audit } from '../db/audit';
import { crewRefusal, maskLicence, vehicleRun } from '../domain/fleet/crew-rules';
import type { PlanLeg } from '../domain/planning/plan-schema';
import { maskPhone } from '../domain/identity/phone';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Clock } from '../clock';

export interface FleetDeps {
  db: Database;
  cipher: PersonalDataCipher;
  clock: Clock;
}

/**
 * The county a new record belongs to: the one named (403 when outside the key's counties, as for every request
 * naming other counties outright), else the key's only county.
 */
function countyOf(p: Principal, named: string | undefined): string {
  const scope = countyScope(p);
  if (named) {
    if (!allows(scope, named))
      throw new ForbiddenError(`county ${named} is outside this key's scope`).because('county_outside_scope', {
        countyCode: named,
      });
    return named;
  }
  if (scope && scope.length === 1) return scope[0];
  throw new ValidationError('countyCode is required for a key of several counties', [
    { row: 0, field: 'countyCode', message: 'required', code: 'required', params: {} },
  ]).because('county_required');
}

/** The operator a vehicle or driver belongs to, in the record's county; another county's answers 404. */
async function operatorIn(deps: FleetDeps, id: string, countyCode: string) {
  const op = await findOperator(deps.db, id);
  if (!op || op.county_code !== countyCode) throw new NotFoundError('operator');
  return op;
}

const operatorView = (o: Awaited<ReturnType<typeof listOperators>>[number]): OperatorView => ({
  id: o.id,
  countyCode: o.county_code,
  name: o.name,
  contactName: o.contact_name,
  contactPhone: o.contact_phone_masked,
});
const vehicleView = (v: Omit<VehicleRow, 'created_at'>): VehicleView => ({
  id: v.id,
  countyCode: v.county_code,
  operatorId: v.operator_id,
  operatorName: v.operator_name,
  plate: v.plate,
  vehicleType: v.vehicle_type,
  seats: v.seats,
});
const driverView = (d: DriverRow): DriverView => ({
  id: d.id,
  countyCode: d.county_code,
  operatorId: d.operator_id,
  operatorName: d.operator_name,
  name: d.name,
  licence: d.licence_masked,
  phone: d.phone_masked,
});

export async function createOperator(deps: FleetDeps, p: Principal, input: OperatorInput): Promise<OperatorView> {
  const countyCode = countyOf(p, input.countyCode);
  if ((await listOperators(deps.db, [countyCode])).some((o) => o.name === input.name))
    throw new AppError(409, 'operator_exists', `operator "${input.name}" is already entered`, {
      name: input.name,
    }).because('operator_exists', { name: input.name });
  return deps.db.transaction().execute(async (tx) => {
    const row = await insertOperator(tx, {
      county_code: countyCode,
      name: input.name,
      contact_name: input.contactName ?? null,
      contact_phone_enc: input.contactPhone ? deps.cipher.encrypt(input.contactPhone) : null,
      contact_phone_masked: input.contactPhone ? maskPhone(input.contactPhone) : null,
    });
    await audit(tx, { actor: p.keyId, action: 'fleet.operator.create', entity: 'fleet_operator', entityId: row.id });
    return operatorView(row);
  });
}

export async function createVehicle(deps: FleetDeps, p: Principal, input: VehicleInput): Promise<VehicleView> {
  const countyCode = countyOf(p, input.countyCode);
  const op = await operatorIn(deps, input.operatorId, countyCode);
  if ((await listVehicles(deps.db, [countyCode])).some((v) => v.plate === input.plate))
    throw new AppError(409, 'plate_exists', `vehicle ${input.plate} is already entered`, {
      plate: input.plate,
    }).because('plate_exists', { plate: input.plate });
  return deps.db.transaction().execute(async (tx) => {
    const row = await insertVehicle(tx, {
      county_code: countyCode,
      operator_id: op.id,
      plate: input.plate,
      vehicle_type: input.vehicleType,
      seats: input.seats,
    });
    await audit(tx, { actor: p.keyId, action: 'fleet.vehicle.create', entity: 'fleet_vehicle', entityId: row.id });
    return vehicleView({
      ...row,
      operator_name: op.name,
      contact_name: null,
      contact_phone_masked: null,
      contact_phone_enc: null,
    });
  });
}

export async function createDriver(deps: FleetDeps, p: Principal, input: DriverInput): Promise<DriverView> {
  const countyCode = countyOf(p, input.countyCode);
  const op = await operatorIn(deps, input.operatorId, countyCode);
  return deps.db.transaction().execute(async (tx) => {
    const row = await insertDriver(tx, {
      county_code: countyCode,
      operator_id: op.id,
      name: input.name,
      licence_enc: deps.cipher.encrypt(input.licence),
      licence_masked: maskLicence(input.licence),
      phone_enc: deps.cipher.encrypt(input.phone),
      phone_masked: maskPhone(input.phone),
    });
    await audit(tx, { actor: p.keyId, action: 'fleet.driver.create', entity: 'fleet_driver', entityId: row.id });
    return driverView({ ...row, operator_name: op.name });
  });
}

export const operators = async (deps: FleetDeps, p: Principal) =>
  (await listOperators(deps.db, countyScope(p))).map(operatorView);
export const vehicles = async (deps: FleetDeps, p: Principal) =>
  (await listVehicles(deps.db, countyScope(p))).map(vehicleView);
export const drivers = async (deps: FleetDeps, p: Principal) =>
  (await listDrivers(deps.db, countyScope(p))).map(driverView);

/**
 * Each leg's crew. `reveal` decrypts the phones (the driver's manifest); every other answer shows them masked.
 */
export function crewViews(rows: TripCrewRows, tripId: string, cipher?: PersonalDataCipher): LegCrewView[] {
  return rows.crews
    .filter((c) => c.trip_id === tripId)
    .map((c) => ({
      legSeq: c.leg_seq,
      vehicle: {
        ...vehicleView(c),
        contactName: c.contact_name,
        contactPhone: cipher && c.contact_phone_enc ? cipher.decrypt(c.contact_phone_enc) : c.contact_phone_masked,
      },
      drivers: rows.drivers
        .filter((d) => d.trip_id === tripId && d.leg_seq === c.leg_seq)
        .map((d) => ({
          id: d.id,
          name: d.name,
          licence: d.licence_masked,
          phone: cipher ? cipher.decrypt(d.phone_enc) : d.phone_masked,
        })),
      assignedAt: new Date(c.assigned_at).toISOString(),
    }));
}

export async function tripCrew(deps: FleetDeps, p: Principal, tripId: string): Promise<TripCrewAnswer> {
  const trip = await readTrip(deps.db, tripId);
  assertTripVisible(p, trip);
  return { tripId, crews: crewViews(await readTripCrews(deps.db, [tripId]), tripId) };
}

/**
 * Puts a vehicle and its drivers on one road leg of a trip, replacing any crew it had. Refused: a vehicle or
 * driver of another county than the trip's (404, as if it did not exist), a vehicle with fewer seats than the
 * leg's passengers (422 `vehicle_too_small`), a train or flight leg (422 `leg_not_road`), a driver or the
 * vehicle already on another leg in an overlapping time (409 `driver_busy` / `vehicle_busy`).
 */
export async function assignCrew(
  deps: FleetDeps,
  p: Principal,
  at: { tripId: string; legSeq: number },
  input: CrewInput,
): Promise<LegCrewView> {
  const trip = await readTrip(deps.db, at.tripId);
  assertTripVisible(p, trip);
  const leg = trip.legs.find((l) => l.seq === at.legSeq);
  if (!leg) throw new NotFoundError('leg');
  const county = [trip.county_code];
  const [vehicle] = await listVehicles(deps.db, county, [input.vehicleId]);
  if (!vehicle) throw new NotFoundError('vehicle');
  const found = await listDrivers(deps.db, county, input.driverIds);
  if (found.length !== input.driverIds.length) throw new NotFoundError('driver');
  // A pooled bus is one vehicle however many trips ride it: its crew drives every trip's slice of the run.
  const slices = leg.vehicleLabel ? await readVehicleLegs(deps.db, trip.batch_id, leg.vehicleLabel) : [];
  const run = vehicleRun(slices.length ? slices : [{ tripId: trip.id, leg }], {
    departAt: trip.depart_at,
    arriveAt: trip.arrive_at,
  });
  refuseCrew(run.leg, vehicle);
  const legs = (slices.length ? slices : [{ tripId: trip.id, leg }]).map((s) => ({
    tripId: s.tripId,
    legSeq: s.leg.seq,
  }));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await lockCrewResources(tx, [vehicle.id, ...input.driverIds]);
    const clash = await findCrewClash(tx, legs, run, vehicle.id, input.driverIds);
    if (clash)
      throw new AppError(
        409,
        `${clash.kind}_busy`,
        `the ${clash.kind} is already assigned to an overlapping leg`,
        clash,
      ).because(clash.kind === 'vehicle' ? 'vehicle_busy' : 'driver_busy');
    const crew = { vehicleId: vehicle.id, driverIds: input.driverIds, assignedBy: p.keyId, assignedAt: now };
    for (const l of legs) await replaceLegCrew(tx, { ...l, startsAt: run.startsAt, endsAt: run.endsAt }, crew);
    await audit(tx, {
      actor: p.keyId,
      action: 'fleet.crew.assign',
      entity: 'trip',
      entityId: trip.id,
      after: { legSeq: leg.seq, vehicleId: vehicle.id, driverIds: input.driverIds, legs },
      at: now,
    });
  });
  const crew = crewViews(await readTripCrews(deps.db, [trip.id]), trip.id).find((c) => c.legSeq === leg.seq);
  if (!crew) throw new ConflictError('the crew changed while it was assigned; try again').because('crew_changed');
  return crew;
}

/** 422 when the vehicle cannot drive the run: not a road leg, or fewer seats than everyone aboard. */
function refuseCrew(leg: PlanLeg, vehicle: VehicleRow): void {
  const refusal = crewRefusal(leg, vehicle);
  if (refusal?.code === 'vehicle_too_small')
    throw new AppError(
      422,
      refusal.code,
      `vehicle ${vehicle.plate} has ${refusal.seats} seats for ${refusal.passengers} passengers`,
      { plate: vehicle.plate, seats: refusal.seats, passengers: refusal.passengers },
    ).because('vehicle_too_small', { plate: vehicle.plate, seats: refusal.seats, passengers: refusal.passengers });
  if (refusal)
    throw new AppError(422, refusal.code, `leg ${leg.seq} is a ${leg.mode} leg: it takes no crew`, {
      mode: leg.mode,
    }).because('leg_not_road', { seq: leg.seq, mode: leg.mode });
}
