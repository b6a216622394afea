import type { Tariffs, VehicleType } from '../reference/planner-config';
import { perKmCost } from '../money/split';

/** Hire of one vehicle over a distance: fixed + per km, plus the second driver where one is aboard. */
export function vehicleCostFen(v: VehicleType, distanceM: number, drivers = 1, tariffs?: Tariffs): number {
  const secondDriver = drivers > 1 && tariffs ? perKmCost(tariffs.secondDriverPerKmFen, distanceM) : 0;
  return v.fixedFen + perKmCost(v.perKmFen, distanceM) + secondDriver;
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
