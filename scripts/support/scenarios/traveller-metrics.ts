import type { Plan, PlanLeg, PlanTrip } from '../../../src/domain/planning/plan-schema';

const HOUR = 3_600_000;

/** Where a traveller's last leg reaches their factory: the factory's stop, else the leg's last timed stop. */
function arrivalAt(trip: PlanTrip, leg: PlanLeg): string | null {
  const atFactory = leg.stops.find((s) => s.kind === 'factory' && s.placeId === trip.factoryId && s.arriveAt);
  return atFactory?.arriveAt ?? [...leg.stops].reverse().find((s) => s.arriveAt)?.arriveAt ?? null;
}

/**
 * Door-to-door hours of each traveller: from the first departure of their first leg (the vehicle's first stop) to
 * the arrival of their last leg at their factory. Legs are a traveller's when they list them as a passenger (all the
 * trip's legs if none does). A traveller whose times cannot be read gets NaN (counted as over any limit).
 */
export function doorToDoorHours(plan: Plan): Map<string, number> {
  const out = new Map<string, number>();
  for (const trip of plan.trips) {
    const legs = [...trip.legs].sort((a, b) => a.seq - b.seq);
    const aboard = legs.map((l) => new Set(l.passengerIds));
    for (const p of trip.passengers) {
      const mine = legs.filter((_, i) => aboard[i].has(p.workerId));
      const used = mine.length ? mine : legs;
      const start = used[0].stops.find((s) => s.departAt)?.departAt;
      const end = arrivalAt(trip, used.at(-1)!);
      out.set(p.workerId, start && end ? (Date.parse(end) - Date.parse(start)) / HOUR : NaN);
    }
  }
  return out;
}

export interface Accounting {
  workers: number;
  travelling: number;
  held: number;
  heldByCode: Record<string, number>;
  /** Workers of the batch neither seated nor held. */
  missing: number;
  /** Workers seated twice, held twice, or both seated and held. */
  duplicated: number;
}

/** Who travels and who is held, counted from the trips' passengers and the held list (not the plan's totals). */
export function accounting(plan: Plan, workerIds: readonly string[]): Accounting {
  const seen = new Map<string, number>();
  const bump = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
  const seated = new Set<string>();
  for (const t of plan.trips)
    for (const p of t.passengers) {
      seated.add(p.workerId);
      bump(p.workerId);
    }
  const heldByCode: Record<string, number> = {};
  const held = new Set<string>();
  for (const h of plan.held) {
    held.add(h.workerId);
    bump(h.workerId);
    heldByCode[h.code] = (heldByCode[h.code] ?? 0) + 1;
  }
  return {
    workers: workerIds.length,
    travelling: seated.size,
    held: held.size,
    heldByCode,
    missing: workerIds.filter((id) => !seen.has(id)).length,
    duplicated: [...seen.values()].filter((n) => n > 1).length,
  };
}

/** Total cost in fen: every leg's cost (a pooled vehicle's legs each carry their share, so they add up). */
export const totalCostFen = (plan: Plan): number =>
  plan.trips.reduce((s, t) => s + t.legs.reduce((m, l) => m + l.costFen, 0), 0);

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
