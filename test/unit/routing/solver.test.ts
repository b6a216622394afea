import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvrplibToProblem, parseCvrplib } from '../../../src/domain/routing/cvrplib';
import { solveCvrp, solveCvrpAsync, validateSolution } from '../../../src/domain/routing';
import { randomProblem } from './helpers';

describe('solveCvrp', () => {
  const problem = randomProblem(50, 7);

  it('returns a feasible solution whose reported cost is recomputed exactly', () => {
    const res = solveCvrp(problem, { seed: 3, maxIterations: 400 });
    expect(validateSolution(problem, res)).toEqual([]);
    expect(res.iterations).toBe(400);
    expect(res.stoppedBy).toBe('iterations');
  });

  it('is deterministic for the same seed and iteration budget', () => {
    const a = solveCvrp(problem, { seed: 11, maxIterations: 300 });
    const b = solveCvrp(problem, { seed: 11, maxIterations: 300 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
  });

  it('async variant yields to the event loop and matches the sync result', async () => {
    let calls = 0;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sync = solveCvrp(problem, { seed: 5, maxIterations: 300 });
    const res = await solveCvrpAsync(problem, {
      seed: 5,
      maxIterations: 300,
      yieldEvery: 20,
      onProgress: () => calls++,
    });
    clearInterval(timer);
    expect(res.routes).toEqual(sync.routes);
    expect(calls).toBeGreaterThanOrEqual(15);
    expect(ticks).toBeGreaterThan(0);
  });

  it('respects the injected clock ceiling', () => {
    let t = 0;
    const res = solveCvrp(problem, { seed: 1, maxIterations: 1e9, timeLimitMs: 50, now: () => (t += 1) });
    expect(res.stoppedBy).toBe('time');
    expect(validateSolution(problem, res)).toEqual([]);
  });

  it('respects a maximum route distance', () => {
    const limited = { ...problem, maxRouteDistance: 1800 };
    const res = solveCvrp(limited, { seed: 2, maxIterations: 200 });
    expect(validateSolution(limited, res)).toEqual([]);
  });

  it('solves X-n101-k25 within 2% of the best known cost with a small budget', () => {
    // A copy of the CVRPLIB instance (Uchoa et al. 2017), so the test never depends on the benchmark folder.
    const text = readFileSync(join(__dirname, '../../data/X-n101-k25.vrp'), 'utf8');
    const p = cvrplibToProblem(parseCvrplib(text));
    const res = solveCvrp(p, { seed: 1, maxIterations: 20000 });
    expect(validateSolution(p, res)).toEqual([]);
    expect(res.cost).toBeLessThanOrEqual(27591 * 1.02);
  });
});
