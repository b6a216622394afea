import type { BearerSplit } from './bearer-split';
import { legBearerFen } from './costing';
import type { PlanLeg, PlanTrip } from './plan-schema';
import { reshare } from './trip-edits';

export interface BearerChange {
  /** One leg (its seq); every leg of the trip when absent. */
  legSeq?: number;
  bearers?: BearerSplit;
  /** The operator paid for the government's share; null forgets it. */
  operator?: string | null;
}

export type BearerOutcome =
  { ok: true; trip: PlanTrip } | { ok: false; rule: string; message: string; params?: Record<string, string | number> };

/**
 * Sets who bears a trip's legs (and who operates them), then re-splits the passengers' shares: each leg's
 * cost is unchanged, its worker-borne part (what the subsidy refunds) follows the new split.
 */
export function setTripBearers(trip: PlanTrip, change: BearerChange): BearerOutcome {
  const hit = (l: PlanLeg) => change.legSeq === undefined || l.seq === change.legSeq;
  if (!trip.legs.some(hit))
    return {
      ok: false,
      rule: 'no-such-leg',
      message: `trip ${trip.key} has no leg ${change.legSeq}`,
      params: { tripKey: trip.key, legSeq: change.legSeq ?? 0 },
    };
  const legs = trip.legs.map((l): PlanLeg => {
    if (!hit(l)) return l;
    const { operator: _previous, ...rest } = l;
    const operator = change.operator === undefined ? l.operator : (change.operator ?? undefined);
    return { ...rest, bearers: { ...(change.bearers ?? l.bearers) }, ...(operator ? { operator } : {}) };
  });
  return { ok: true, trip: reshare({ ...trip, legs }, new Map(trip.passengers.map((p) => [p.workerId, p.checks]))) };
}

/** A trip's legs as an answer: who bears how much of each, in fen (the parts add up to the leg's cost). */
export const legBearerViews = (trip: PlanTrip) =>
  trip.legs.map((l) => ({
    seq: l.seq,
    mode: l.mode,
    costFen: l.costFen,
    bearers: l.bearers,
    operator: l.operator ?? null,
    bearerFen: legBearerFen(l),
  }));
