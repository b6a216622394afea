import { addBearerFen, NO_FEN } from './bearer-split';
import { tripBearerFen } from './costing';
import type { Mode, PlanTotals, PlanTrip } from './plan-schema';

const zero = (): Record<Mode, number> => ({ bus: 0, train: 0, flight: 0 });

export function totalsOf(trips: readonly PlanTrip[], workers: number, held: number): PlanTotals {
  const tripsByMode = zero(),
    vehiclesByMode = zero();
  let seatsUsed = 0,
    seatsOffered = 0,
    costFen = 0,
    bearerFen = NO_FEN;
  for (const t of trips) {
    tripsByMode[t.mode]++;
    for (const l of t.legs) vehiclesByMode[l.mode]++;
    seatsUsed += t.passengers.length;
    seatsOffered += t.capacity;
    costFen += t.costFen;
    bearerFen = addBearerFen(bearerFen, tripBearerFen(t));
  }
  return {
    workers,
    travelling: seatsUsed,
    held,
    trips: trips.length,
    tripsByMode,
    vehiclesByMode,
    seatsUsed,
    seatsOffered,
    costFen,
    bearerFen,
  };
}
