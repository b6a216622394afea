import { getJson, request } from '../../lib/api';
import { fileNameOf, saveBlob } from '../../lib/download';
import type { MoveTargetsAnswer, Plan } from '../../lib/types';

export type PlanEdit =
  { op: 'move'; workerId: string; toTripId: string } | { op: 'lock'; tripId: string; locked: boolean };

export const loadPlan = (batchId: string, signal?: AbortSignal): Promise<Plan> =>
  getJson<Plan>(`/batches/${batchId}/plan`, { signal });

/** PATCH /batches/:id/plan → the new plan; 409 rule_violated carries {rule} in details. */
export const editPlan = (batchId: string, edit: PlanEdit): Promise<Plan> =>
  getJson<Plan>(`/batches/${batchId}/plan`, { method: 'PATCH', json: edit });

/** GET /batches/:id/plan/move-targets: the trips a passenger (with their family) may move to, with costs. */
export const loadMoveTargets = (batchId: string, workerId: string): Promise<MoveTargetsAnswer> =>
  getJson<MoveTargetsAnswer>(`/batches/${batchId}/plan/move-targets?workerId=${encodeURIComponent(workerId)}`);

/** GET /trips/:id/manifest.csv with the key, saved as a file. */
export async function downloadManifest(tripId: string, tripKey: string): Promise<string> {
  const res = await request(`/trips/${tripId}/manifest.csv`, { headers: { accept: 'text/csv' } });
  const name = fileNameOf(res.headers.get('content-disposition'), `manifest-${tripKey}.csv`);
  saveBlob(await res.blob(), name);
  return name;
}
