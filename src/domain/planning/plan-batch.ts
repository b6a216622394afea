import { planGroup, prepareBatch, type GroupResult, type PlanOptions, type PreparedBatch } from './group-plan';
import { assemblePlan } from './plan-assembly';
import type { PlanContext, PlanWorker } from './plan-input';
import type { Plan } from './plan-schema';

export type PlanProgress = (done: number, total: number) => void;
export type { PlanOptions } from './group-plan';

/**
 * Plans one batch: groups by county × factory × day, health rules at departure, mode per group,
 * vehicles (bus pick-ups routed as a CVRP), legs, times and costs. Pure and deterministic: the same
 * workers in any order give the same plan.
 */
export function planBatch(
  input: readonly PlanWorker[],
  ctx: PlanContext,
  onProgress?: PlanProgress,
  firstKey = 1,
  opts: PlanOptions = {},
): Plan {
  const prepared = prepareBatch(input, ctx);
  const results: GroupResult[] = prepared.groups.map((g, i) => {
    const r = planGroup(ctx, g, opts);
    onProgress?.(i + 1, prepared.groups.length);
    return r;
  });
  return assemblePlan(prepared, results, firstKey, opts.firstVehicle);
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same plan as `planBatch`, but yields to the event loop between groups (at most every `sliceMs`
 * of the injected clock, or after every group without one), so a worker keeps its lock and progress flowing.
 */
export async function planBatchAsync(
  input: readonly PlanWorker[],
  ctx: PlanContext,
  onProgress?: PlanProgress,
  firstKey = 1,
  opts: PlanOptions & { sliceMs?: number } = {},
): Promise<Plan> {
  return planPreparedAsync(prepareBatch(input, ctx), ctx, onProgress, firstKey, opts);
}

/** `planBatchAsync` for a batch already prepared (grouped), e.g. by a job that first decided not to fan out. */
export async function planPreparedAsync(
  prepared: PreparedBatch,
  ctx: PlanContext,
  onProgress?: PlanProgress,
  firstKey = 1,
  opts: PlanOptions & { sliceMs?: number } = {},
): Promise<Plan> {
  const results: GroupResult[] = [];
  let since = opts.now?.() ?? 0;
  for (const [i, g] of prepared.groups.entries()) {
    results.push(planGroup(ctx, g, opts));
    onProgress?.(i + 1, prepared.groups.length);
    if (!opts.now || opts.now() - since >= (opts.sliceMs ?? 50)) {
      await yieldToLoop();
      since = opts.now?.() ?? 0;
    }
  }
  return assemblePlan(prepared, results, firstKey, opts.firstVehicle);
}
