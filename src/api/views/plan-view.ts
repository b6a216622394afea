import type { HeldView, PassengerView, PlanView, PlanViewTotals, TripView } from '../../contracts/plan-view';
import type { BatchTrips, HeldWorkerRows } from '../../db/plan-queries';
import type { Mode } from '../../domain/planning/plan-schema';

type PassengerRow = BatchTrips['passengers'][number];

const zero = (): Record<Mode, number> => ({ bus: 0, train: 0, flight: 0 });

const passengerView = (p: PassengerRow): PassengerView => ({
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
});

const heldView = (h: HeldWorkerRows[number]): HeldView => ({
  workerId: h.id,
  row: h.row_no,
  name: h.name,
  idNumber: h.id_masked,
  village: h.village,
  healthCode: h.health_code,
  code: h.hold_code,
  reason: h.hold_reason,
});

function tripViews({ trips, passengers }: BatchTrips): TripView[] {
  const byTrip = new Map<string, PassengerRow[]>();
  for (const p of passengers) {
    const list = byTrip.get(p.trip_id);
    if (list) list.push(p);
    else byTrip.set(p.trip_id, [p]);
  }
  return trips.map((t) => ({
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
    legs: t.legs,
    passengers: (byTrip.get(t.id) ?? []).map(passengerView),
  }));
}

function totalsOf(workerCount: number, trips: readonly TripView[], held: number): PlanViewTotals {
  const tripsByMode = zero(),
    vehiclesByMode = zero();
  let seatsUsed = 0,
    seatsOffered = 0,
    costFen = 0,
    subsidyFen = 0;
  for (const t of trips) {
    tripsByMode[t.mode]++;
    t.legs.forEach((l) => vehiclesByMode[l.mode]++);
    seatsUsed += t.seatsUsed;
    seatsOffered += t.capacity;
    costFen += t.costFen;
    subsidyFen += t.passengers.reduce((s, p) => s + p.subsidyFen, 0);
  }
  return {
    workers: workerCount,
    travelling: seatsUsed,
    held,
    trips: trips.length,
    tripsByMode,
    vehiclesByMode,
    seatsUsed,
    seatsOffered,
    costFen,
    subsidyFen,
  };
}

/** The plan as the API shows it: ID and phone numbers masked, money in integer fen. */
export function planView(
  batchId: string,
  workerCount: number,
  trips: BatchTrips,
  held: HeldWorkerRows,
): Omit<PlanView, 'status'> {
  const out = tripViews(trips);
  return { batchId, trips: out, held: held.map(heldView), totals: totalsOf(workerCount, out, held.length) };
}
