import { planBatch } from '../../../src/domain/planning/plan-batch';
import type { PlanContext, PlanWorker } from '../../../src/domain/planning/plan-input';
import type { Plan } from '../../../src/domain/planning/plan-schema';
import { syntheticBatch } from '../../../scripts/support/synthetic-batch';
import { planContext } from '../../support/sample';

/** Each worker's vehicles, in order, by the worker's row. */
function ridesByRow(plan: Plan, rowOf: ReadonlyMap<string, number>): Map<number, string> {
  const out = new Map<number, string>();
  for (const t of plan.trips)
    for (const p of t.passengers)
      out.set(
        rowOf.get(p.workerId)!,
        t.legs
          .filter((l) => l.passengerIds.includes(p.workerId))
          .map((l) => l.vehicleKey)
          .join(','),
      );
  return out;
}

describe('one file submitted twice', () => {
  const batch = syntheticBatch(3000, 4);
  const ctx: PlanContext = { ...planContext(), places: batch.places };
  const first: PlanWorker[] = batch.workers.map((w, row) => ({ ...w, row }));
  // The database makes new ids for the second submission: here, ids that sort in another order.
  const second: PlanWorker[] = first.map((w, row) => ({
    ...w,
    id: `x${String((row * 7919) % 100_003).padStart(6, '0')}`,
  }));
  const rowOf = (ws: readonly PlanWorker[]) => new Map(ws.map((w) => [w.id, w.row!]));

  it('is planned alike: every row rides the same vehicles', () => {
    const a = planBatch(first, ctx);
    const b = planBatch(second, ctx);
    expect(b.trips.length).toBe(a.trips.length);
    expect(ridesByRow(b, rowOf(second))).toEqual(ridesByRow(a, rowOf(first)));
  });

  it('was not before rows ordered the travellers (the check can fail)', () => {
    const a = planBatch(
      first.map(({ row: _, ...w }) => w),
      ctx,
    );
    const b = planBatch(
      second.map(({ row: _, ...w }) => w),
      ctx,
    );
    expect(ridesByRow(b, rowOf(second))).not.toEqual(ridesByRow(a, rowOf(first)));
  });
});
