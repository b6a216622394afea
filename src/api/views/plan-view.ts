import type { Mode, PlanLeg } from '../../domain/planning/plan-schema';
import type { readBatchTrips, readHeldWorkers } from '../../db/plan-queries';

type Trips = Awaited<ReturnType<typeof readBatchTrips>>;
type Held = Awaited<ReturnType<typeof readHeldWorkers>>;

const zero = (): Record<Mode, number> => ({ bus: 0, train: 0, flight: 0 });

/** The plan as the API shows it: ID and phone numbers masked, money in integer fen. */
export function planView(batchId: string, workerCount: number, { trips, passengers }: Trips, held: Held) {
  const byTrip = new Map<string, Trips['passengers']>();
  for (const p of passengers) byTrip.set(p.trip_id, [...(byTrip.get(p.trip_id) ?? []), p]);
  const tripsByMode = zero(),
    vehiclesByMode = zero();
  let seatsUsed = 0,
    seatsOffered = 0,
    costFen = 0,
    subsidyFen = 0;
  const out = trips.map((t) => {
    const legs = t.legs as PlanLeg[];
    const ps = byTrip.get(t.id) ?? [];
    tripsByMode[t.mode]++;
    legs.forEach((l) => vehiclesByMode[l.mode]++);
    seatsUsed += t.seats_used;
    seatsOffered += t.capacity;
    costFen += t.cost_fen;
    subsidyFen += ps.reduce((s, p) => s + p.subsidy_fen, 0);
    return {
      id: t.id,
      key: t.key,
      mode: t.mode,
      vehicleTypeId: t.vehicle_type_id,
      capacity: t.capacity,
      seatsUsed: t.seats_used,
      countyCode: t.county_code,
      factoryId: t.factory_id,
      departAt: t.depart_at.toISOString(),
      arriveAt: t.arrive_at.toISOString(),
      distanceM: t.distance_m,
      costFen: t.cost_fen,
      modeReason: t.mode_reason,
      locked: t.locked,
      legs,
      passengers: ps.map((p) => ({
        workerId: p.worker_id,
        name: p.name,
        idNumber: p.id_masked,
        phone: p.phone_masked,
        village: p.village,
        healthCode: p.health_code,
        registeredPoor: p.registered_poor,
        familyId: p.family_id,
        costShareFen: p.cost_share_fen,
        subsidyFen: p.subsidy_fen,
      })),
    };
  });
  return {
    batchId,
    trips: out,
    held: held.map((h) => ({
      workerId: h.id,
      row: h.row_no,
      name: h.name,
      idNumber: h.id_masked,
      village: h.village,
      healthCode: h.health_code,
      code: h.hold_code,
      reason: h.hold_reason,
    })),
    totals: {
      workers: workerCount,
      travelling: seatsUsed,
      held: held.length,
      trips: out.length,
      tripsByMode,
      vehiclesByMode,
      seatsUsed,
      seatsOffered,
      costFen,
      subsidyFen,
    },
  };
}
