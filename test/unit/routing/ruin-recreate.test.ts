import { savingsConstruction } from '../../../src/domain/routing/construct/savings';
import { makeContext } from '../../../src/domain/routing/context';
import { Rng } from '../../../src/domain/routing/prng';
import { normalizeProblem, type RoutingProblem } from '../../../src/domain/routing/problem';
import { BlinkRecreate } from '../../../src/domain/routing/search/recreate';
import { DEFAULT_RUIN, StringRuin, type RuinParams } from '../../../src/domain/routing/search/ruin';
import { randomProblem } from './helpers';

function consistent(p: RoutingProblem, routes: number[][]): string | null {
  const seen = new Int32Array(p.n);
  for (const r of routes) {
    let load = 0;
    for (const v of r) {
      seen[v]++;
      load += p.demand[v];
    }
    if (load > p.vehicleTypes[0].capacity) return `load ${load}`;
  }
  for (let i = 1; i < p.n; i++) if (seen[i] !== 1) return `customer ${i} seen ${seen[i]}`;
  return null;
}

const variants: [string, Partial<RuinParams>][] = [
  ['string', { randomRate: 0, worstRate: 0 }],
  ['random', { randomRate: 1, worstRate: 0 }],
  ['worst', { randomRate: 0, worstRate: 1 }],
];

describe.each(variants)('%s removal + blink recreate', (_, params) => {
  it.each(['cost', 'vehicles-then-cost'] as const)('keeps every customer exactly once (%s)', (objective) => {
    const p: RoutingProblem = { ...randomProblem(60, 3, 120), objective };
    const ctx = makeContext(normalizeProblem(p));
    const sol = savingsConstruction(ctx);
    const ruin = new StringRuin(ctx.n, { ...DEFAULT_RUIN, ...params });
    const recreate = new BlinkRecreate(ctx.n);
    const rng = new Rng(9);
    for (let it = 0; it < 200; it++) {
      ruin.run(sol, rng);
      expect(ruin.count).toBeGreaterThan(0);
      for (let k = 0; k < ruin.count; k++) expect(sol.routeOf[ruin.removed[k]]).toBe(-1);
      recreate.run(sol, ruin.removed, ruin.count, rng);
      expect(consistent(p, sol.routes)).toBeNull();
      const total = sol.total;
      expect(sol.recomputeTotal()).toBe(total);
    }
  });
});
