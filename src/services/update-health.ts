import type { Principal } from '../auth/api-keys';
import { allows, countyScope } from '../auth/policy';
import type { HealthUpdate } from '../contracts/health-updates';
import { ALREADY_PLANNED_ELSEWHERE } from '../db/batches-repo';
import { findWorker, heldFamilyMembers, lockBatch, setHealth } from '../db/plan-edits-repo';
import { inTransaction } from '../db/unit-of-work';
import type { HoldCode } from '../domain/planning/plan-schema';
import { ConflictError, NotFoundError } from '../errors';
import { placeIntoPlannedBatch, type PlacementDeps } from './place-workers';

/** Codes a health update can clear; other holds (already planned elsewhere, no route) stay. */
const HEALTH_HOLDS: readonly HoldCode[] = [
  'health-code-yellow',
  'health-code-red',
  'health-code-unrecognised',
  'nucleic-test-missing',
  'nucleic-test-expired',
  'family-member-held',
  'boarding-check-failed',
];
const isHealthHold = (code: string | null) => HEALTH_HOLDS.some((h) => h === code);

/** A hold a health update cannot clear, in words that name nothing of another batch (older rows stored more). */
const otherReason = (w: { hold_code: string | null; hold_reason: string | null }) =>
  w.hold_code === 'already-planned' ? ALREADY_PLANNED_ELSEWHERE : w.hold_reason;

export interface HealthUpdateResult {
  workerId: string;
  status: string;
  placed: boolean;
  tripKey?: string | null;
  holdCode?: string | null;
  reason?: string | null;
}

/**
 * Records a held worker's new health status; if the batch is planned, the worker (with any family held
 * for them) is placed on a later trip of the batch when now eligible, or stays held with the new reason.
 */
export async function updateWorkerHealth(
  deps: PlacementDeps,
  p: Principal,
  workerId: string,
  update: HealthUpdate,
): Promise<HealthUpdateResult> {
  return inTransaction(deps.db, async (tx) => {
    const w = await findWorker(tx, workerId);
    const dispatches = p.role === 'admin' || p.role === 'dispatcher';
    if (!w || !dispatches || !allows(countyScope(p), w.county_code)) throw new NotFoundError('worker');
    const batch = await lockBatch(tx, w.batch_id);
    if (!batch) throw new NotFoundError('worker');
    await setHealth(tx, w.id, update);
    if (w.status !== 'held') return { workerId: w.id, status: w.status, placed: false };
    if (!isHealthHold(w.hold_code))
      throw new ConflictError(`worker is held for another reason: ${otherReason(w)}`).because('worker_held_otherwise', {
        hold: w.hold_code ?? '',
      });
    if (batch.status !== 'planned') return { workerId: w.id, status: 'held', placed: false };
    const family = w.family_id ? await heldFamilyMembers(tx, w.batch_id, w.family_id, HEALTH_HOLDS) : [];
    const placement = await placeIntoPlannedBatch(deps, tx, w.batch_id, [...new Set([w.id, ...family])]);
    const trip = [...placement.changed, ...placement.added].find((t) => t.passengers.some((x) => x.workerId === w.id));
    const held = placement.held.find((h) => h.workerId === w.id);
    return {
      workerId: w.id,
      status: trip ? 'planned' : 'held',
      placed: !!trip,
      tripKey: trip?.key ?? null,
      holdCode: held?.code ?? null,
      reason: held?.reason ?? null,
    };
  });
}
