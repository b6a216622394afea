import { addBearerFen, NO_FEN } from './bearer-split';
import { tripBearerFen } from './costing';
import type { Mode, PlanLeg, PlanTotals, PlanTrip } from './plan-schema';

const zero = (): Record<Mode, number> => ({ bus: 0, train: 0, flight: 0 });

/**
 * Physical vehicles by mode: legs of several trips with one vehicle key are one pooled vehicle; a leg without a key
 * (plans stored before pooling) is its own.
 */
export function vehiclesByModeOf(
  trips: readonly { key: string; legs: readonly Pick<PlanLeg, 'mode' | 'vehicleKey'>[] }[],
): Record<Mode, number> {
  const byMode = zero();
  const seen = new Set<string>();
  for (const t of trips)
    for (const [i, l] of t.legs.entries()) {
      const key = l.vehicleKey ?? `${t.key}#${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      byMode[l.mode]++;
    }
  return byMode;
}

export function totalsOf(trips: readonly PlanTrip[], workers: number, held: number): PlanTotals {
  const tripsByMode = zero(),
    vehiclesByMode = vehiclesByModeOf(trips);
  let seatsUsed = 0,
    seatsOffered = 0,
    costFen = 0,
    bearerFen = NO_FEN;
  for (const t of trips) {
    tripsByMode[t.mode]++;
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
