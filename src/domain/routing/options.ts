import type { RecreateParams } from './search/recreate';
import type { RuinParams } from './search/ruin';

export interface SolveOptions {
  /** PRNG seed (default 1). */
  seed?: number;
  /**
   * Ruin-and-recreate iterations: THE stopping rule. Same problem + seed + maxIterations
   * gives the same solution on every machine. Default 10 000, or unbounded when only
   * `timeLimitMs` is given (the cooling schedule then follows the clock).
   */
  maxIterations?: number;
  /** Optional wall-clock ceiling in ms; requires `now`. */
  timeLimitMs?: number;
  /** Injected clock in ms (e.g. performance.now); the core never reads the clock itself. */
  now?: () => number;
  /** Simulated-annealing start/end temperatures in cost units (default: from the initial solution). */
  initialTemperature?: number;
  finalTemperature?: number;
  /** When temperatures are not given: factors of the mean edge cost of the initial solution (default 1.5 / 0.01). */
  temperatureFactors?: { initial: number; final: number };
  /** Local search on the initial solution and on every new best solution (default true). */
  localSearch?: boolean;
  /** Granular neighbourhood size of the local search (default 30). */
  neighbours?: number;
  ruin?: Partial<RuinParams>;
  recreate?: Partial<RecreateParams>;
}

export interface Progress {
  iteration: number;
  bestCost: number;
  bestVehicles: number;
  currentCost: number;
}

export interface AsyncSolveOptions extends SolveOptions {
  onProgress?: (p: Progress) => void;
  /** Yield to the event loop every N iterations (default 50). */
  yieldEvery?: number;
}
