import type { PlanLeg, PlanStop } from '../planning/plan-schema';
import { cmp } from '../order';

/** One trip's slice of a pooled vehicle, with the trip's key (the order trips are listed in). */
export interface RunSlice {
  tripId: string;
  tripKey: string;
  leg: PlanLeg;
}

/** A stop of the whole run, with who boards there (every trip's passengers). */
export type RunStop = Pick<
  PlanStop,
  'seq' | 'kind' | 'name' | 'placeId' | 'note' | 'arriveAt' | 'departAt' | 'boarding'
>;

/** Where a passenger gets on or off, and when. */
export interface StopAt {
  stop: string;
  time: string | null;
}

/** Everyone aboard one vehicle: its stops in calling order and each passenger's seat, trip and stops. */
export interface VehicleManifest {
  stops: RunStop[];
  riders: { workerId: string; tripId: string; seat: number; boards: StopAt | null; alights: StopAt | null }[];
}

const byTime = (s: Pick<PlanStop, 'arriveAt' | 'departAt'>) => s.arriveAt ?? s.departAt ?? '';

/**
 * The stops of a vehicle whose slices several trips hold, in calling order. Each slice is the vehicle's own stop
 * list (its seq kept) with only that trip's boarders, cut after the trip's factory where the vehicle drops at
 * several: so a stop is the same stop in every slice by seq and name, its boarders the union, and a gate one slice
 * ends at (no departure there) keeps the departure the longer slice has. Ordered by time, then seq, so slices that
 * an edit re-timed apart still read in the order the vehicle calls.
 */
export function runStops(slices: readonly RunSlice[]): RunStop[] {
  const stops = new Map<string, RunStop>();
  const ordered = [...slices].sort((a, b) => cmp(a.tripKey, b.tripKey));
  for (const { leg } of ordered)
    for (const s of leg.stops) {
      const id = `${s.seq}|${s.name}`;
      const had = stops.get(id);
      if (!had) {
        stops.set(id, {
          seq: s.seq,
          kind: s.kind,
          name: s.name,
          placeId: s.placeId,
          note: s.note,
          arriveAt: s.arriveAt,
          departAt: s.departAt,
          boarding: [...s.boarding],
        });
        continue;
      }
      had.arriveAt ??= s.arriveAt;
      had.departAt ??= s.departAt;
      had.boarding.push(...s.boarding.filter((w) => !had.boarding.includes(w)));
    }
  return [...stops.values()].sort((a, b) => cmp(byTime(a), byTime(b)) || a.seq - b.seq);
}

/**
 * Everyone aboard a pooled vehicle. Each trip numbers its own passengers from 1 (its roll, in row order), so two
 * trips on one bus would hand out the same seats: on the vehicle, seats are numbered once for everyone aboard, in
 * the order they board (stop by stop in calling order; at one stop trip by trip in key order, each trip's boarders
 * in the plan's order). Passengers no stop boards come last, trip by trip. The numbers are the same whoever asks,
 * so the manifests of two counties sharing a bus agree seat for seat. Each alights at the last stop of their trip's
 * slice (their factory, or the hub a feeder bus runs to).
 */
export function vehicleManifest(slices: readonly RunSlice[]): VehicleManifest {
  const stops = runStops(slices);
  const ordered = [...slices].sort((a, b) => cmp(a.tripKey, b.tripKey));
  const tripOf = new Map<string, RunSlice>();
  for (const s of ordered) for (const id of s.leg.passengerIds) if (!tripOf.has(id)) tripOf.set(id, s);
  const rankOf = new Map(ordered.map((slice, i) => [slice, i]));
  const rank = (id: string) => rankOf.get(tripOf.get(id)!)!;
  const boards = new Map<string, StopAt>();
  const order: string[] = [];
  for (const stop of stops) {
    const here = stop.boarding.filter((id) => tripOf.has(id) && !boards.has(id));
    for (const id of here.sort((a, b) => rank(a) - rank(b))) {
      boards.set(id, { stop: stop.name, time: stop.departAt });
      order.push(id);
    }
  }
  for (const id of tripOf.keys()) if (!boards.has(id)) order.push(id);
  const alightOf = (leg: PlanLeg): StopAt => {
    const last = leg.stops[leg.stops.length - 1];
    return { stop: last.name, time: last.arriveAt ?? last.departAt };
  };
  return {
    stops,
    riders: order.map((workerId, i) => {
      const slice = tripOf.get(workerId)!;
      return {
        workerId,
        tripId: slice.tripId,
        seat: i + 1,
        boards: boards.get(workerId) ?? null,
        alights: alightOf(slice.leg),
      };
    }),
  };
}
