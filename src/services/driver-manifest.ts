import type { Principal } from '../auth/api-keys';
import { assertTripVisible } from '../auth/access';
import { canSeeTrip } from '../auth/policy';
import type { DriverManifest, VehicleRun } from '../contracts/fleet';
import { readTripCrews } from '../db/fleet-repo';
import type { NoticeRecipient } from '../db/notice-queries';
import type { StoredTrip } from '../db/plan-queries';
import { readDriverManifestData } from '../db/vehicle-run-queries';
import { vehicleManifest, type RunSlice } from '../domain/fleet/vehicle-manifest';
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

const stopView = (s: PlanLeg['stops'][number] | VehicleRun['stops'][number]) => ({
  name: s.name,
  kind: s.kind,
  placeId: s.placeId,
  note: s.note,
  arriveAt: s.arriveAt,
  departAt: s.departAt,
});

interface RunInput {
  leg: PlanLeg;
  trip: StoredTrip;
  sharing: readonly StoredTrip[];
  /** Everyone the reader may see on the trips aboard, by worker id. */
  people: ReadonlyMap<string, NoticeRecipient>;
  canSee: (t: StoredTrip) => boolean;
}

/**
 * The whole vehicle of a road leg other trips ride too, or undefined when only this trip does. Seats and stops come
 * from every slice, seen or not, so that each county's manifest of the bus numbers the same seats.
 */
function runOf(deps: FleetDeps, r: RunInput): VehicleRun | undefined {
  const label = r.leg.mode === 'bus' ? r.leg.vehicleLabel : undefined;
  if (!label) return undefined;
  const slices: (RunSlice & { trip: StoredTrip })[] = [r.trip, ...r.sharing].flatMap((t) =>
    t.legs
      .filter((l) => l.mode === 'bus' && l.vehicleLabel === label)
      .map((leg) => ({ tripId: t.id, tripKey: t.key, leg, trip: t })),
  );
  if (slices.length < 2) return undefined;
  const m = vehicleManifest(slices);
  const seen = new Map(slices.filter((s) => r.canSee(s.trip)).map((s) => [s.tripId, s.trip]));
  const shown = m.riders.filter((x) => seen.has(x.tripId) && r.people.has(x.workerId));
  return {
    trips: [...seen.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((t) => ({
        id: t.id,
        key: t.key,
        label: t.label,
        countyCode: t.county_code,
        passengers: shown.filter((x) => x.tripId === t.id).length,
      })),
    stops: m.stops.map(stopView),
    passengers: shown.map((x) => {
      const who = r.people.get(x.workerId)!;
      return {
        seat: x.seat,
        workerId: x.workerId,
        name: who.name,
        phone: deps.cipher.decrypt(who.phone_enc),
        tripId: x.tripId,
        tripKey: seen.get(x.tripId)!.key,
        boardsAt: x.boards?.stop ?? null,
        boardingTime: x.boards?.time ?? null,
        alightsAt: x.alights?.stop ?? null,
        alightingTime: x.alights?.time ?? null,
      };
    }),
    notShown: m.riders.length - shown.length,
  };
}

/**
 * The driver's manifest of one trip: stops and times, each leg's crew and every passenger with a seat number and
 * the full phone number (the driver calls whoever is missing at a stop). A pooled bus is one vehicle: its leg also
 * carries the whole run, everyone aboard from every trip the key may see. Callers admit dispatchers only; the trip
 * must lie in the key's counties, else it answers like a trip that does not exist.
 */
export async function driverManifest(deps: FleetDeps, p: Principal, tripId: string): Promise<DriverManifest> {
  const canSee = (t: StoredTrip) => canSeeTrip(p, { factoryId: t.factory_id, countyCode: t.county_code });
  const { trip, recipients, sharing, riders } = await readDriverManifestData(deps.db, tripId, canSee);
  assertTripVisible(p, trip);
  const crews = crewViews(await readTripCrews(deps.db, [trip.id]), trip.id, deps.cipher);
  const boarding = boardingOf(trip.legs);
  const people = new Map([...recipients, ...riders].map((r) => [r.worker_id, r]));
  return {
    trip: {
      id: trip.id,
      batchId: trip.batch_id,
      key: trip.key,
      label: trip.label,
      departAt: trip.depart_at.toISOString(),
      arriveAt: trip.arrive_at.toISOString(),
    },
    legs: trip.legs.map((l) => {
      const run = runOf(deps, { leg: l, trip, sharing, people, canSee });
      return {
        seq: l.seq,
        kind: l.kind,
        mode: l.mode,
        vehicleLabel: l.vehicleLabel ?? null,
        stops: l.stops.map(stopView),
        crew: crews.find((c) => c.legSeq === l.seq) ?? null,
        ...(run ? { run } : {}),
      };
    }),
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
