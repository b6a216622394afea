import { planBatch } from '../../../src/domain/planning/plan-batch';
import type { PlanContext } from '../../../src/domain/planning/plan-input';
import type { Plan } from '../../../src/domain/planning/plan-schema';
import { syntheticBatch } from '../../../scripts/support/synthetic-batch';
import { planViolations } from '../../support/plan-invariants';
import { planContext } from '../../support/sample';

const hours = (t: Plan['trips'][number]) =>
  (Date.parse(t.arriveAt) - Date.parse(t.legs[0].stops.find((s) => s.departAt)!.departAt!)) / 3_600_000;

describe('the door-to-door limit holds for the vehicles built, not only for the estimates', () => {
  const batch = syntheticBatch(6000, 7);
  const base = planContext();
  const ctx = (limit: number): PlanContext => ({
    ...base,
    places: batch.places,
    config: { ...base.config, modeChoice: { ...base.config.modeChoice, maxDoorToDoorHours: limit } },
  });
  const loose = planBatch(batch.workers, ctx(36));
  // A limit that the plan under 36 h runs over for some trips and not others.
  const sorted = loose.trips.map(hours).sort((a, b) => a - b);
  const limit = Math.round(sorted[Math.floor(sorted.length * 0.8)]);
  const plan = planBatch(batch.workers, ctx(limit));

  it('puts nobody on a trip over the limit', () => {
    expect(sorted.at(-1)!).toBeGreaterThan(limit);
    expect(plan.trips.length).toBeGreaterThan(0);
    for (const t of plan.trips) expect(hours(t)).toBeLessThanOrEqual(limit);
  });

  it('holds, with the hours, whoever no vehicle can bring within it', () => {
    // Shorter than any trip: every option is over, the planner still builds the best, and its travellers are held.
    const tiny = Math.floor(sorted[0]) - 1;
    const none = planBatch(batch.workers, ctx(tiny));
    expect(none.trips).toEqual([]);
    expect(none.held).toHaveLength(batch.workers.length);
    for (const h of none.held) {
      expect(h.code).toBe('no-route');
      expect(h.reason).toMatch(new RegExp(`^door to door [\\d.]+ h, over the ${tiny} h limit$`));
      expect(Number(/door to door ([\d.]+) h/.exec(h.reason)![1])).toBeGreaterThan(tiny);
    }
  });

  it('still seats or holds everyone once, families whole, every vehicle paid for by those aboard', () => {
    const fam = new Map(batch.workers.map((w) => [w.id, w.familyId]));
    const ids = batch.workers.map((w) => w.id);
    expect(planViolations(plan, ids, ctx(limit), fam)).toEqual([]);
    expect(plan.totals.travelling + plan.totals.held).toBe(ids.length);
    // More travel than if everyone over the limit in the first plan were held: some go another way instead.
    const firstOver = loose.trips.filter((t) => hours(t) > limit).reduce((n, t) => n + t.passengers.length, 0);
    expect(plan.totals.held).toBeLessThanOrEqual(firstOver);
  });

  it('changes nothing where every trip is within the limit', () => {
    expect(loose.totals.held).toBe(0);
    expect(loose.trips.every((t) => hours(t) <= 36)).toBe(true);
  });
});
