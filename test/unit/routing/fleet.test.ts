import { solveCvrp, validateSolution, type RoutingProblem } from '../../../src/domain/routing';
import { randomProblem } from './helpers';

const small = { id: 'minibus', capacity: 20, fixedCost: 100, perDistanceCost: 1 };
const large = { id: 'coach', capacity: 60, fixedCost: 400, perDistanceCost: 2 };

function tiny(demands: number[]): RoutingProblem {
  const n = demands.length + 1;
  const d = new Int32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = i === j ? 0 : 10 + Math.abs(i - j);
  return { depot: 0, n, demand: [0, ...demands], distance: d, vehicleTypes: [large, small] };
}

describe('heterogeneous fleet', () => {
  it('picks the smaller vehicle when the load fits', () => {
    const p = tiny([5, 5, 5]);
    const res = solveCvrp(p, { seed: 1, maxIterations: 50 });
    expect(validateSolution(p, res)).toEqual([]);
    expect(res.routes).toHaveLength(1);
    expect(res.routes[0].vehicleType).toBe('minibus');
  });

  it('minimises the number of vehicles first', () => {
    const p = tiny([15, 15, 15]);
    const res = solveCvrp(p, { seed: 1, maxIterations: 50 });
    expect(validateSolution(p, res)).toEqual([]);
    expect(res.vehicles).toBe(1);
    expect(res.routes[0].vehicleType).toBe('coach');
  });

  it('with the cost objective prefers cheaper vehicles even if more are used', () => {
    const p: RoutingProblem = { ...tiny([15, 15, 15]), objective: 'cost' };
    const res = solveCvrp(p, { seed: 1, maxIterations: 50 });
    expect(validateSolution(p, res)).toEqual([]);
    expect(res.routes.every((r) => r.vehicleType === 'minibus')).toBe(true);
  });

  it('stays feasible on a larger mixed-fleet instance', () => {
    const p: RoutingProblem = { ...randomProblem(40, 9, 0, [small, large]), objective: 'vehicles-then-cost' };
    const res = solveCvrp(p, { seed: 4, maxIterations: 300 });
    expect(validateSolution(p, res)).toEqual([]);
    const total = Array.from(p.demand as Int32Array).reduce((a, b) => a + b, 0);
    expect(res.vehicles).toBeLessThanOrEqual(Math.ceil(total / 60) + 1);
  });
});

describe('edge cases', () => {
  it('handles a problem without customers', () => {
    const p: RoutingProblem = { depot: 0, n: 1, demand: [0], distance: new Int32Array(1), vehicleTypes: [small] };
    const res = solveCvrp(p, { maxIterations: 10 });
    expect(res.routes).toEqual([]);
    expect(res.cost).toBe(0);
  });

  it('handles a single customer and a depot that is not node 0', () => {
    const d = new Int32Array([0, 7, 7, 0]);
    const p: RoutingProblem = { depot: 1, n: 2, demand: [3, 0], distance: d, vehicleTypes: [small] };
    const res = solveCvrp(p, { maxIterations: 10 });
    expect(validateSolution(p, res)).toEqual([]);
    expect(res.routes).toEqual([{ vehicleType: 'minibus', nodes: [0] }]);
    expect(res.cost).toBe(114);
  });

  it('rejects demand above the largest capacity', () => {
    expect(() => solveCvrp(tiny([70]), { maxIterations: 1 })).toThrow(/exceeds the largest capacity/);
  });
});
