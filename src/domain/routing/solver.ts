import type { AsyncSolveOptions, SolveOptions } from './options';
import type { RoutingProblem } from './problem';
import { Engine } from './search/engine';
import type { RoutingSolution } from './solution';
import type { WorkSolution } from './work';

export interface SolveResult extends RoutingSolution {
  iterations: number;
  stoppedBy: 'iterations' | 'time';
  /** Elapsed ms measured with the injected clock (0 without one). */
  elapsedMs: number;
}

/** Converts the internal solution: each route gets its cheapest (then smallest) vehicle type. */
function toSolution(engine: Engine, sol: WorkSolution): SolveResult {
  const { cm, inst } = engine.ctx;
  const routes = [];
  let cost = 0;
  let distance = 0;
  for (let r = 0; r < sol.routes.length; r++) {
    if (sol.routes[r].length === 0) continue;
    const t = cm.bestType(sol.load[r], sol.dist[r]);
    if (t < 0) throw new Error('internal error: infeasible route in solution');
    const type = inst.types[t];
    routes.push({ vehicleType: type.id, nodes: sol.routes[r].slice() });
    cost += type.fixedCost + type.perDistanceCost * sol.dist[r];
    distance += sol.dist[r];
  }
  return {
    routes,
    cost,
    distance,
    vehicles: routes.length,
    iterations: engine.iteration,
    stoppedBy: engine.stoppedBy,
    elapsedMs: engine.elapsed(),
  };
}

/** Synchronous solve: runs until maxIterations (or the optional injected-clock ceiling). */
export function solveCvrp(problem: RoutingProblem, options: SolveOptions = {}): SolveResult {
  const engine = new Engine(problem, options);
  engine.construct();
  engine.prepare();
  while (!engine.done()) engine.step();
  return toSolution(engine, engine.best);
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Same search as solveCvrp (identical result for the same options) but yields to the event loop. */
export async function solveCvrpAsync(problem: RoutingProblem, options: AsyncSolveOptions = {}): Promise<SolveResult> {
  const engine = new Engine(problem, options);
  await yieldToLoop();
  engine.construct();
  await yieldToLoop();
  engine.prepare();
  const every = Math.max(1, options.yieldEvery ?? 50);
  while (!engine.done()) {
    engine.step();
    if (engine.iteration % every === 0) {
      options.onProgress?.(engine.progressReport());
      await yieldToLoop();
    }
  }
  options.onProgress?.(engine.progressReport());
  return toSolution(engine, engine.best);
}
