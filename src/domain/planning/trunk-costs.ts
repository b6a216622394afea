import type { Hub } from '../reference/places';
import type { VehicleType } from '../reference/planner-config';
import { perKmCost } from '../money/split';
import { usableSeats } from './bus-loading';
import { railFareFen, vehicleCostFen } from './costing';
import type { PlanContext } from './plan-input';
import type { TravelOption } from './plan-schema';

/** The trunk options and the vehicle type each is bought as. */
export type TrunkKind = Exclude<TravelOption, 'bus'>;

/** Which trunk option a vehicle type stands for. */
export function trunkKindOf(v: VehicleType): TrunkKind | null {
  if (v.mode === 'flight') return v.perSeat ? 'flight-seats' : 'flight';
  if (v.mode !== 'train') return null;
  if (v.perSeat) return 'train-seats';
  return v.wholeCarriage ? 'train-carriage' : 'train-special';
}

export const typesOf = (ctx: PlanContext, kind: TrunkKind): VehicleType[] =>
  ctx.config.vehicleTypes.filter((v) => trunkKindOf(v) === kind);

export const networkOf = (v: Pick<VehicleType, 'mode'>) => (v.mode === 'flight' ? 'air' : 'rail');

export const trunkMetres = (ctx: PlanContext, v: VehicleType, from: Hub, to: Hub): number =>
  ctx.distance.metres(from, to, networkOf(v));

/** Minutes on board between the two hubs at the configured speed (used where no timetabled offer is loaded). */
export function trunkMinutes(ctx: PlanContext, v: VehicleType, from: Hub, to: Hub): number {
  const speed = v.mode === 'flight' ? ctx.config.speedsKmh.flight : ctx.config.speedsKmh.train;
  return Math.ceil((trunkMetres(ctx, v, from, to) / 1000 / speed) * 60);
}

/** One economy seat on a scheduled flight. */
export const airFareFen = (ctx: PlanContext, airM: number): number =>
  perKmCost(ctx.config.tariffs.air.perKmFen, airM) + ctx.config.tariffs.air.surchargeFen;

/** Travellers one car (formation types) or one vehicle seats. */
export const perCarSeats = (v: VehicleType): number => usableSeats(v);

/** Cars a train of this formation runs with for `people`, within its bounds. */
export function carsFor(v: VehicleType, people: number): number {
  const f = v.formation ?? { minCars: 1, maxCars: 1 };
  return Math.min(f.maxCars, Math.max(f.minCars, Math.ceil(people / perCarSeats(v))));
}

/** Travellers one vehicle of the type may carry at most (a full formation, a seat block). */
export const vehicleCapacity = (v: VehicleType): number =>
  v.perSeat ? v.seats : perCarSeats(v) * (v.formation?.maxCars ?? 1);

/** Seats a vehicle carrying `people` offers: a formation's cars, whole carriages, or the seats bought. */
export function seatsOffered(v: VehicleType, people: number): number {
  if (v.perSeat) return people;
  if (v.formation) return carsFor(v, people) * perCarSeats(v);
  return usableSeats(v);
}

/**
 * The trunk's price for `people` between two hubs, as it is bought: seats at the fare, reserved carriages at all their
 * seats' fares, a special train per car-km, a chartered aircraft per km. Integer fen.
 */
export function trunkCostFen(ctx: PlanContext, v: VehicleType, from: Hub, to: Hub, people: number): number {
  const m = trunkMetres(ctx, v, from, to);
  if (v.perSeat) return people * (v.mode === 'flight' ? airFareFen(ctx, m) : railFareFen(ctx.config.tariffs, m));
  const cars = carsFor(v, people);
  if (v.wholeCarriage) return v.fixedFen + cars * v.seats * railFareFen(ctx.config.tariffs, m);
  if (v.formation) return v.fixedFen + perKmCost(v.perKmFen * cars, m);
  return vehicleCostFen(v, m);
}

/** A trunk bought for (part of) a pool. */
export interface TrunkPick {
  kind: TrunkKind;
  type: VehicleType;
  from: Hub;
  to: Hub;
  /** Vehicles (aircraft, trains, seat blocks) and the travellers they carry. */
  vehicles: number;
  carried: number;
}
