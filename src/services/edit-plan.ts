import type { Principal } from '../auth/api-keys';
import { assertBatchVisible } from '../auth/access';
import type { PlanEdit, PlanEditResult } from '../contracts/plan-edits';
import { familyOf, findWorker, lockBatch, setPending } from '../db/plan-edits-repo';
import { refreshBatchCounts, rewriteTrip } from '../db/plans-repo';
import { loadTripsForUpdate, type LoadedTrip } from '../db/trip-loader';
import { deleteTrips, setTripLocked, unseat } from '../db/trips-repo';
import { inTransaction, type Tx } from '../db/unit-of-work';
import { legBearerViews, setTripBearers } from '../domain/planning/cost-bearers';
import { moveBetweenBuses, type EditOutcome, type Mover } from '../domain/planning/plan-edits';
import { hasLeft } from '../domain/planning/trip-status';
import { ErrorReason } from '../contracts/error-reasons';
import { AppError, ConflictError, NotFoundError } from '../errors';
import { editContext, placeIntoPlannedBatch, type PlacementDeps } from './place-workers';
import { tripWriteContext } from './subsidy-estimates';

/** A broken plan-edit rule: its reason is the rule (`same-county` is `rule_same_county`), with its facts. */
export class RuleViolation extends AppError {
  constructor(rule: string, message: string, params: Record<string, string | number> = {}) {
    super(409, 'rule_violated', message, { rule });
    const reason = ErrorReason.safeParse(`rule_${rule.replace(/-/g, '_')}`);
    if (reason.success) this.because(reason.data, params);
  }
}

/** A trip that has departed or arrived takes no edit at all: a code of its own, with the status. */
export class TripDeparted extends AppError {
  constructor(t: Pick<LoadedTrip, 'status' | 'trip'>) {
    super(409, 'trip_departed', `trip ${t.trip.key} has ${t.status}; it can no longer be changed`, {
      status: t.status,
      tripKey: t.trip.key,
    });
    this.because('trip_departed', { status: t.status, tripKey: t.trip.key });
  }
}

/** Refuses an edit of a departed or arrived trip. */
export function assertNotLeft(t: Pick<LoadedTrip, 'status' | 'trip'>): void {
  if (hasLeft(t.status)) throw new TripDeparted(t);
}

type Edit<Op extends PlanEdit['op']> = Extract<PlanEdit, { op: Op }>;
type Result<Op extends PlanEdit['op']> = Extract<PlanEditResult, { op: Op }>;

/**
 * The trips of a planned batch the dispatcher may edit, read under the batch's lock (so an answer or an edit
 * meets the plan as it stands); finance sees batches but edits none.
 */
export async function lockPlannedTrips(deps: PlacementDeps, tx: Tx, p: Principal, batchId: string) {
  const batch = await lockBatch(tx, batchId);
  assertBatchVisible(p, batch);
  if (p.role === 'finance') throw new NotFoundError('batch');
  if (batch.status !== 'planned')
    throw new ConflictError(`the batch is ${batch.status}; edit it once it is planned`).because('batch_not_planned', {
      status: batch.status,
    });
  return loadTripsForUpdate(tx, batchId, deps.clock.now());
}

/**
 * A dispatcher's edit of a planned batch, in one transaction: move a passenger (with their family) to
 * another bus, lock or unlock a trip, or re-plan everything not locked. Locked, departed and boarding
 * trips are never changed.
 */
export async function editPlan(
  deps: PlacementDeps,
  p: Principal,
  batchId: string,
  edit: PlanEdit,
): Promise<PlanEditResult> {
  return inTransaction(deps.db, async (tx) => {
    const trips = await lockPlannedTrips(deps, tx, p, batchId);
    if (edit.op === 'lock') return lockTrip(tx, trips, edit);
    if (edit.op === 'replan') return replan(deps, tx, batchId, trips);
    if (edit.op === 'bearers') return setBearers(deps, tx, batchId, trips, edit);
    return move(deps, tx, batchId, trips, edit);
  });
}

async function lockTrip(tx: Tx, trips: readonly LoadedTrip[], edit: Edit<'lock'>): Promise<Result<'lock'>> {
  const t = trips.find((x) => x.id === edit.tripId);
  if (!t) throw new NotFoundError('trip');
  assertNotLeft(t);
  await setTripLocked(tx, t.id, edit.locked);
  return { op: edit.op, tripKey: t.trip.key, locked: edit.locked };
}

/** Sets who bears a trip's legs (not once locked, departed or boarding): the shares and estimates follow. */
async function setBearers(
  deps: PlacementDeps,
  tx: Tx,
  batchId: string,
  trips: readonly LoadedTrip[],
  edit: Edit<'bearers'>,
): Promise<Result<'bearers'>> {
  const t = trips.find((x) => x.id === edit.tripId);
  if (!t) throw new NotFoundError('trip');
  assertNotLeft(t);
  if (t.locked)
    throw new RuleViolation('locked', `trip ${t.trip.key} is locked, departed or boarding`, { tripKey: t.trip.key });
  const out = setTripBearers(t.trip, edit);
  if (!out.ok) throw new RuleViolation(out.rule, out.message, out.params);
  const write = await tripWriteContext(
    tx,
    [out.trip],
    await deps.places(),
    deps.policies.subsidy,
    deps.policies.planner.utcOffsetMin,
  );
  await rewriteTrip(tx, batchId, t.id, out.trip, write);
  await refreshBatchCounts(tx, batchId, deps.clock.now());
  return { op: 'bearers', tripKey: t.trip.key, legs: legBearerViews(out.trip) };
}

/** Drops every trip not locked and places its passengers again, around the locked ones. */
async function replan(
  deps: PlacementDeps,
  tx: Tx,
  batchId: string,
  trips: readonly LoadedTrip[],
): Promise<Result<'replan'>> {
  const open = trips.filter((t) => !t.locked);
  const people = open.flatMap((t) => t.trip.passengers.map((x) => x.workerId));
  await deleteTrips(
    tx,
    open.map((t) => t.id),
  );
  await setPending(tx, people);
  const placement = await placeIntoPlannedBatch(deps, tx, batchId, people);
  return {
    op: 'replan',
    replannedTrips: open.map((t) => t.trip.key),
    newTrips: [...placement.added.map((t) => t.key), ...placement.changed.map((t) => t.key)],
  };
}

/** The passenger and the members of their family on the same trip: a family moves whole. */
export async function moversOf(tx: Tx, batchId: string, workerId: string, from: LoadedTrip): Promise<Mover[]> {
  const mover = await findWorker(tx, workerId);
  if (!mover) throw new NotFoundError('passenger');
  const family = mover.family_id ? await familyOf(tx, batchId, mover.family_id) : [mover];
  const checks = new Map(from.trip.passengers.map((x) => [x.workerId, x.checks]));
  return family.flatMap((w) => {
    const c = checks.get(w.id);
    if (!c) return [];
    return [
      {
        workerId: w.id,
        village: w.village,
        lon: w.lon,
        lat: w.lat,
        readyAt: w.earliest_departure.toISOString(),
        checks: c,
      },
    ];
  });
}

/**
 * Every rule a move is held to, as an outcome (the move itself and the move targets both ask this): a departed
 * or arrived trip throws trip_departed, a locked or boarding one is refused with the `locked` rule, then the
 * domain's rules of capacity, readiness, destination and vehicle kind.
 */
export function tryMove(
  deps: PlacementDeps,
  places: Parameters<typeof editContext>[1],
  from: LoadedTrip,
  to: LoadedTrip,
  movers: readonly Mover[],
): EditOutcome {
  assertNotLeft(from);
  assertNotLeft(to);
  if (from.locked || to.locked)
    return {
      ok: false,
      rule: 'locked',
      message: `trip ${(from.locked ? from : to).trip.key} is locked or boarding`,
      params: { tripKey: (from.locked ? from : to).trip.key },
    };
  return moveBetweenBuses(editContext(deps, places), from.trip, to.trip, movers);
}

/** Moves a passenger (with their family) between direct buses; both are re-routed, re-timed, re-costed. */
async function move(
  deps: PlacementDeps,
  tx: Tx,
  batchId: string,
  trips: readonly LoadedTrip[],
  edit: Edit<'move'>,
): Promise<Result<'move'>> {
  const from = trips.find((t) => t.trip.passengers.some((x) => x.workerId === edit.workerId));
  const to = trips.find((t) => t.id === edit.toTripId);
  if (!from) throw new NotFoundError('passenger');
  if (!to) throw new NotFoundError('trip');
  const movers = await moversOf(tx, batchId, edit.workerId, from);
  const places = await deps.places();
  const out = tryMove(deps, places, from, to, movers);
  if (!out.ok) throw new RuleViolation(out.rule, out.message, out.params);
  const write = await tripWriteContext(
    tx,
    [out.to, ...(out.from ? [out.from] : [])],
    places,
    deps.policies.subsidy,
    deps.policies.planner.utcOffsetMin,
  );
  await unseat(
    tx,
    movers.map((m) => m.workerId),
  );
  if (out.from) await rewriteTrip(tx, batchId, from.id, out.from, write);
  else await deleteTrips(tx, [from.id]);
  await rewriteTrip(tx, batchId, to.id, out.to, write);
  await refreshBatchCounts(tx, batchId, deps.clock.now());
  return {
    op: 'move',
    moved: movers.map((m) => m.workerId),
    fromTripKey: from.trip.key,
    toTripKey: to.trip.key,
    fromRemoved: !out.from,
  };
}
