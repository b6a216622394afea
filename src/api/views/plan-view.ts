import type { Principal } from '../../auth/api-keys';
import { canSeeBatch } from '../../auth/policy';
import type { HeldView, PassengerView, PlanView, PlanViewTotals, TripView } from '../../contracts/plan-view';
import { parseStored, StoredModeOptionsSchema } from '../../contracts/stored-plan';
import { ALREADY_PLANNED_ELSEWHERE } from '../../db/batches-repo';
import type { BatchTrips, HeldWorkerRows } from '../../db/plan-queries';
import { statusOf } from '../../db/trip-loader';
import type { Mode } from '../../domain/planning/plan-schema';
import { vehiclesByModeOf } from '../../domain/planning/totals';

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
  checks: p.checks,
  account: p.account_type && p.account_masked ? { type: p.account_type, number: p.account_masked } : null,
});

type HeldRow = HeldWorkerRows[number];

/**
 * The reason a viewer reads. Someone already planned elsewhere: the other batch is named only when the viewer
 * may see it (every county it spans in scope), else nothing about it is said, whatever was stored.
 */
function reasonFor(h: HeldRow, viewer: Principal): string | null {
  if (h.hold_code !== 'already-planned') return h.hold_reason;
  const visible = h.claimed_by_batch && canSeeBatch(viewer, h.claimed_by_counties ?? []);
  return visible ? `already has a seat in batch ${h.claimed_by_batch}` : ALREADY_PLANNED_ELSEWHERE;
}

/** The facts a hold's words name, from the worker's row (never other people's names or ids). */
function heldParams(h: HeldRow, viewer: Principal): HeldView['params'] {
  const destination: HeldView['params'] = h.factory_province ? { destinationProvince: h.factory_province } : {};
  switch (h.hold_code) {
    case 'health-code-unrecognised':
      return { issuerProvince: h.health_code_province ?? h.county_code.slice(0, 2), ...destination };
    case 'nucleic-test-missing':
      return destination;
    case 'nucleic-test-expired':
      return h.nucleic_test_at ? { nucleicTestAt: h.nucleic_test_at.toISOString(), ...destination } : destination;
    case 'already-planned':
      return h.claimed_by_batch && canSeeBatch(viewer, h.claimed_by_counties ?? [])
        ? { batchId: h.claimed_by_batch }
        : {};
    default:
      return {};
  }
}

const heldView = (h: HeldRow, viewer: Principal): HeldView => ({
  workerId: h.id,
  row: h.row_no,
  name: h.name,
  idNumber: h.id_masked,
  village: h.village,
  healthCode: h.health_code,
  code: h.hold_code,
  params: heldParams(h, viewer),
  reason: reasonFor(h, viewer),
});

function tripViews({ trips, passengers, started }: BatchTrips, now: Date): TripView[] {
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
    label: t.label,
    modeOptions: parseStored(StoredModeOptionsSchema, t.mode_options, `mode options of trip ${t.id}`),
    locked: t.locked,
    status: statusOf(t, started, now),
    legs: t.legs,
    passengers: (byTrip.get(t.id) ?? []).map(passengerView),
  }));
}

function totalsOf(workerCount: number, trips: readonly TripView[], held: number): PlanViewTotals {
  const tripsByMode = zero(),
    vehiclesByMode = vehiclesByModeOf(trips);
  let seatsUsed = 0,
    seatsOffered = 0,
    costFen = 0,
    subsidyFen = 0;
  for (const t of trips) {
    tripsByMode[t.mode]++;
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

/**
 * The plan as `viewer` may see it: ID and phone numbers masked, money in integer fen, each passenger's check
 * list, held reasons naming nothing outside the viewer's scope, each trip's status at `now` (the service's clock).
 */
export function planView(
  batchId: string,
  workerCount: number,
  trips: BatchTrips,
  held: HeldWorkerRows,
  viewer: Principal,
  now: Date,
): Omit<PlanView, 'status'> {
  const out = tripViews(trips, now);
  const heldViews = held.map((h) => heldView(h, viewer));
  return { batchId, trips: out, held: heldViews, totals: totalsOf(workerCount, out, held.length) };
}
