/**
 * Property-test budget. `npm test` (and so CI) runs every property with a fixed seed, so a red run is
 * reproducible and a green one is not luck; `npm run test:fuzz` explores fresh random seeds with ten
 * times the runs, and prints the seed of any counterexample it finds.
 */
import fc from 'fast-check';

const fixedSeed = 20200301;
const fresh = process.env.FC_SEED === 'random';
const factor = Math.max(1, Number(process.env.FC_RUNS_FACTOR ?? (fresh ? 10 : 1)) || 1);

fc.configureGlobal(fresh ? {} : { seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : fixedSeed });

/** Parameters for one `fc.assert`: `numRuns` scaled by the fuzz factor. */
export const runs = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: numRuns * factor });

/** A test timeout that grows with the fuzz factor. */
export const within = (ms: number): number => ms * factor;
