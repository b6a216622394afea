/**
 * Routing core: pure, deterministic capacitated vehicle routing (heterogeneous fleet).
 * Clarke–Wright savings, then SISR-style ruin-and-recreate with simulated annealing and a
 * granular local search (relocate, swap, 2-opt, 2-opt*, or-opt) on every new best solution.
 * The iteration budget is the stopping rule; the clock is only read through an injected `now`.
 */
export type { Instance, Objective, RoutingProblem, VehicleType } from './problem';
export { normalizeProblem } from './problem';
export type { RoutingSolution, SolutionRoute } from './solution';
export { routeCost, routeDistance, routeLoad, solutionCost, validateSolution } from './solution';
export type { AsyncSolveOptions, Progress, SolveOptions } from './options';
export { solveCvrp, solveCvrpAsync, type SolveResult } from './solver';
export { cvrplibToProblem, euclideanMatrix, parseCvrplib, type CvrplibInstance } from './cvrplib';
