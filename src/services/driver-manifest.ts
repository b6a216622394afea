import type { Principal } from '../auth/api-keys';
import { assertTripVisible } from '../auth/access';
import type { DriverManifest } from '../contracts/fleet';
import { readTripCrews } from '../db/fleet-repo';
import { readNoticeData } from '../db/notice-queries';
import type { PlanLeg } from '../domain/planning/plan-schema';
import { crewViews, type FleetDeps } from './fleet';

/** Where and when each passenger first boards. */
function boardingOf(legs: readonly PlanLeg[]): Map<string, { stop: string; time: string | null }> {
  const out = new Map<string, { stop: string; time: string | null }>();
  for (const leg of legs)
    for (const stop of leg.stops)
      for (const id of stop.boarding) if (!out.has(id)) out.set(id, { stop: stop.name, time: stop.departAt });
  return out;
}

/**
 * The driver's manifest of one trip: stops and times, each leg's crew and every passenger with a seat number and
 * the full phone number (the driver calls whoever is missing at a stop). Callers admit dispatchers only; the trip
 * must lie in the key's counties, else it answers like a trip that does not exist.
 */
export async function driverManifest(deps: FleetDeps, p: Principal, tripId: string): Promise<DriverManifest> {
  const { trips, recipients } = await readNoticeData(deps.db, { tripId });
  const trip = trips[0];
  assertTripVisible(p, trip);
  const crews = crewViews(await readTripCrews(deps.db, [trip.id]), trip.id, deps.cipher);
  const boarding = boardingOf(trip.legs);
  return {
    trip: {
      id: trip.id,
      batchId: trip.batch_id,
      key: trip.key,
      label: trip.label,
      departAt: trip.depart_at.toISOString(),
      arriveAt: trip.arrive_at.toISOString(),
    },
    legs: trip.legs.map((l) => ({
      seq: l.seq,
      kind: l.kind,
      mode: l.mode,
      vehicleLabel: l.vehicleLabel ?? null,
      stops: l.stops.map((s) => ({
        name: s.name,
        kind: s.kind,
        note: s.note,
        arriveAt: s.arriveAt,
        departAt: s.departAt,
      })),
      crew: crews.find((c) => c.legSeq === l.seq) ?? null,
    })),
    passengers: recipients.map((r, i) => ({
      seat: i + 1,
      workerId: r.worker_id,
      name: r.name,
      phone: deps.cipher.decrypt(r.phone_enc),
      boardsAt: boarding.get(r.worker_id)?.stop ?? null,
      boardingTime: boarding.get(r.worker_id)?.time ?? null,
    })),
  };
}
