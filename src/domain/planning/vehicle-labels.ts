import { LocalClock } from './clock';
import type { PlanLeg, PlanTrip } from './plan-schema';

/** A vehicle to be labelled: its plan key, the county it is labelled after and its local departure day. */
export interface LabelRequest {
  vehicleKey: string;
  countyCode: string;
  day: string;
}

/**
 * The vehicles of `trips` still without a label, in the order they first appear: each named after the county of the
 * first trip aboard and the local day it sets off. Legs without a vehicle key (plans from before pooling) get none.
 */
export function labelRequests(trips: readonly PlanTrip[], utcOffsetMin: number): LabelRequest[] {
  const clock = new LocalClock(utcOffsetMin);
  const seen = new Set<string>();
  const out: LabelRequest[] = [];
  for (const t of trips)
    for (const l of t.legs) {
      if (!l.vehicleKey || l.vehicleLabel || seen.has(l.vehicleKey)) continue;
      seen.add(l.vehicleKey);
      out.push({ vehicleKey: l.vehicleKey, countyCode: t.countyCode, day: clock.day(new Date(l.stops[0].departAt!)) });
    }
  return out;
}

/** County, month-day and sequence: "141028-0302-07", the 7th vehicle out of county 141028 on 2 March. */
export const formatLabel = (countyCode: string, day: string, seq: number): string =>
  `${countyCode}-${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(2, '0')}`;

/** The trips with each leg's vehicle label set from `labels` (by vehicle key); labels already set stay. */
export function withLabels(trips: readonly PlanTrip[], labels: ReadonlyMap<string, string>): PlanTrip[] {
  const label = (l: PlanLeg): PlanLeg =>
    l.vehicleLabel || !l.vehicleKey || !labels.has(l.vehicleKey) ? l : { ...l, vehicleLabel: labels.get(l.vehicleKey) };
  return trips.map((t) => ({ ...t, legs: t.legs.map(label) }));
}

/** The label people know a trip by: its train's or flight's, else its bus's. */
export const tripLabel = (t: Pick<PlanTrip, 'legs'>): string | null =>
  (t.legs.find((l) => l.kind === 'trunk') ?? t.legs[0]).vehicleLabel ?? null;
