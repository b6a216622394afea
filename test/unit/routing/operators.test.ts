import { savingsConstruction } from '../../../src/domain/routing/construct/savings';
import { makeContext } from '../../../src/domain/routing/context';
import { ALL_OPERATORS, LocalSearch } from '../../../src/domain/routing/ls/local-search';
import type { Move } from '../../../src/domain/routing/ls/operator';
import { LsState } from '../../../src/domain/routing/ls/state';
import { Rng } from '../../../src/domain/routing/prng';
import { normalizeProblem, type RoutingProblem } from '../../../src/domain/routing/problem';
import type { WorkSolution } from '../../../src/domain/routing/work';
import { randomProblem } from './helpers';

/** Recomputes the total distance from scratch; throws on capacity, distance or exactly-once violations. */
function check(p: RoutingProblem, sol: WorkSolution): number {
  const n = p.n;
  const seen = new Int32Array(n);
  const d = p.distance as Int32Array;
  let total = 0;
  for (const route of sol.routes) {
    if (route.length === 0) continue;
    let load = 0;
    let dist = 0;
    let prev = p.depot;
    for (const v of route) {
      if (v === p.depot) throw new Error('depot inside a route');
      seen[v]++;
      load += p.demand[v];
      dist += d[prev * n + v];
      prev = v;
    }
    dist += d[prev * n + p.depot];
    if (load > p.vehicleTypes[0].capacity) throw new Error(`load ${load} over capacity`);
    if (dist > (p.maxRouteDistance ?? Infinity)) throw new Error(`distance ${dist} over limit`);
    total += dist;
  }
  for (let i = 1; i < n; i++) if (seen[i] !== 1) throw new Error(`customer ${i} served ${seen[i]} times`);
  return total;
}

describe.each([false, true])('local search operators (distance limit: %s)', (limited) => {
  const base = randomProblem(45, 21, 90);
  const p: RoutingProblem = limited ? { ...base, maxRouteDistance: 2600 } : base;
  const ctx = makeContext(normalizeProblem(p));

  it.each(ALL_OPERATORS.map((o) => [o.name, o] as const))('%s predicts its gain and keeps feasibility', (_, op) => {
    const sol = savingsConstruction(ctx);
    const s = new LsState(ctx);
    s.attach(sol, false);
    const rng = new Rng(5);
    const mv: Move = { gain: 0, op: null, a: 0, b: 0, c: 0 };
    let applied = 0;
    for (let t = 0; t < 1500; t++) {
      const u = 1 + rng.int(p.n - 1);
      const v = 1 + rng.int(p.n - 1);
      if (u === v) continue;
      mv.gain = -Infinity;
      mv.op = null;
      op.evaluate(s, u, v, mv);
      if (mv.op === null || !Number.isFinite(mv.gain)) continue;
      const before = sol.total;
      op.apply(s, mv);
      applied++;
      if (sol.total !== before - mv.gain) throw new Error(`gain ${mv.gain} but total went ${before} → ${sol.total}`);
      if (check(p, sol) !== sol.total) throw new Error('cached total differs from recomputed');
    }
    expect(applied).toBeGreaterThan(10);
  });

  it('local search never worsens and ends feasible', () => {
    const sol = savingsConstruction(ctx);
    const before = sol.total;
    new LocalSearch(ctx, 20).run(sol, new Rng(1));
    expect(sol.total).toBeLessThanOrEqual(before);
    expect(check(p, sol)).toBe(sol.total);
  });
});
