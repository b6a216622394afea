import type { Tariffs, VehicleType } from '../reference/planner-config';
import { perKmCost, splitEvenly } from '../money/split';
import { addBearerFen, bearerFen, NO_FEN, type BearerFen } from './bearer-split';
import type { PlanLeg, PlanTrip } from './plan-schema';

/**
 * Hire of one vehicle over a distance: fixed + per km, plus the second driver per km where each crew has two
 * (`drivers` counts every driver of the leg, `crews` the crews among them), plus a fixed fee per relay crew.
 */
export function vehicleCostFen(v: VehicleType, distanceM: number, drivers = 1, tariffs?: Tariffs, crews = 1): number {
  if (!tariffs) return v.fixedFen + perKmCost(v.perKmFen, distanceM);
  const secondDriver = drivers > crews ? perKmCost(tariffs.secondDriverPerKmFen, distanceM) : 0;
  const relays = Math.max(0, crews - 1) * tariffs.relayCrewFen;
  return v.fixedFen + perKmCost(v.perKmFen, distanceM) + secondDriver + relays;
}

/** One hard-seat ticket: the basic rate tapering band by band with distance, plus surcharges, in whole fen. */
export function railFareFen(tariffs: Tariffs, distanceM: number): number {
  const km = distanceM / 1000;
  let from = 0;
  let milliFen = 0;
  for (const band of tariffs.rail.taper) {
    const to = band.upToKm ?? Infinity;
    if (km > from) milliFen += (Math.min(km, to) - from) * tariffs.rail.hardSeatMilliFenPerKm * (band.percent / 100);
    from = to;
  }
  return Math.round(milliFen / 1000) + tariffs.rail.surchargeFen;
}

// ---------------------------------------------------------------------------------------------
// Who pays: each leg's cost split over its bearers, then each bearer's part over the passengers

/** A leg's cost by bearer (largest remainder over the leg's split): the three parts add up to its cost. */
export const legBearerFen = (leg: Pick<PlanLeg, 'costFen' | 'bearers'>): BearerFen =>
  bearerFen(leg.costFen, leg.bearers);

/** A trip's cost by bearer: the sum over its legs, so government + employer + worker = the trip's cost. */
export const tripBearerFen = (trip: Pick<PlanTrip, 'legs'>): BearerFen =>
  trip.legs.reduce((sum, l) => addBearerFen(sum, legBearerFen(l)), NO_FEN);

/**
 * Every leg's cost split exactly over its passengers, and its worker-borne part likewise (both even splits by
 * largest remainder, earlier passengers first, so nobody's worker share exceeds their cost share); a person's
 * shares are the sums over their legs.
 */
export function passengerShares(
  legs: readonly PlanLeg[],
): Pick<PlanTrip['passengers'][number], 'workerId' | 'costShareFen' | 'workerShareFen'>[] {
  const share = new Map<string, { costShareFen: number; workerShareFen: number }>();
  for (const leg of legs) {
    const n = leg.passengerIds.length;
    const cost = splitEvenly(leg.costFen, n);
    const worker = splitEvenly(legBearerFen(leg).worker, n);
    leg.passengerIds.forEach((id, i) => {
      const s = share.get(id) ?? { costShareFen: 0, workerShareFen: 0 };
      share.set(id, { costShareFen: s.costShareFen + cost[i], workerShareFen: s.workerShareFen + worker[i] });
    });
  }
  return [...share.entries()].map(([workerId, s]) => ({ workerId, ...s }));
}
