import { planGroup, prepareBatch, type GroupResult } from '../../../src/domain/planning/group-plan';
import { assemblePlan, planAssembler } from '../../../src/domain/planning/plan-assembly';
import { shareGroups } from '../../../src/domain/planning/share-groups';
import type { PlanContext } from '../../../src/domain/planning/plan-input';
import { syntheticBatch } from '../../../scripts/support/synthetic-batch';
import { planContext } from '../../support/sample';

describe('assembling a plan a part at a time', () => {
  const batch = syntheticBatch(3000, 11);
  const ctx: PlanContext = { ...planContext(), places: batch.places };
  const prepared = prepareBatch(batch.workers, { config: ctx.config, places: ctx.places });
  const results = new Map<string, GroupResult>(prepared.groups.map((g) => [g.key, planGroup(ctx, g)]));
  const whole = assemblePlan(prepared, [...results.values()].reverse());

  it('when the groups come in parts (the shares of child jobs, in child order), then the plan is the same', () => {
    const shares = shareGroups(
      prepared.groups.map((g) => ({ key: g.key, size: g.size })),
      5,
    );
    expect(shares.length).toBe(5);
    const assembler = planAssembler(prepared);
    const trips = shares.flatMap((keys) => assembler.add(keys.map((k) => results.get(k)!)));
    expect(JSON.stringify(trips)).toBe(JSON.stringify(whole.trips));
    expect(assembler.held()).toEqual(whole.held);
    // Pooled vehicles are numbered across the parts without a gap or a repeat.
    const vehicles = [...new Set(trips.flatMap((t) => t.legs.flatMap((l) => (l.vehicleKey ? [l.vehicleKey] : []))))];
    expect(vehicles.length).toBeGreaterThan(shares.length);
    expect(vehicles.sort()).toEqual(vehicles.map((_, i) => `V${String(i + 1).padStart(4, '0')}`));
  });

  it('when a part comes out of key order, then it is refused', () => {
    const keys = [...results.keys()].sort();
    const assembler = planAssembler(prepared);
    assembler.add([results.get(keys[1])!]);
    expect(() => assembler.add([results.get(keys[0])!])).toThrow(/key order/);
    expect(() => assembler.add([results.get(keys[1])!])).toThrow(/key order/);
  });

  it('when a group seats nobody it planned for, then they are held with no route', () => {
    const [first, ...rest] = [...results.keys()].sort();
    const assembler = planAssembler(prepared);
    assembler.add(rest.map((k) => results.get(k)!));
    const members = new Set(
      prepared.groups.find((g) => g.key === first)!.units.flatMap((u) => u.members.map((m) => m.id)),
    );
    const noRoute = new Set(assembler.held().flatMap((h) => (h.code === 'no-route' ? [h.workerId] : [])));
    const before = whole.held.filter((h) => h.code === 'no-route' && !members.has(h.workerId)).length;
    expect([...members].every((id) => noRoute.has(id))).toBe(true);
    expect(noRoute.size).toBe(members.size + before);
  });
});
