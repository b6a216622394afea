import type { RoutingProblem, VehicleType } from './problem';

export interface SolutionRoute {
  /** Id of the vehicle type driving this route. */
  vehicleType: string;
  /** Customer node indices in visiting order, depot excluded. */
  nodes: number[];
}

export interface RoutingSolution {
  routes: SolutionRoute[];
  /** Sum over routes of fixedCost + perDistanceCost × distance. */
  cost: number;
  vehicles: number;
  /** Total distance driven. */
  distance: number;
}

function distFn(problem: RoutingProblem): (i: number, j: number) => number {
  const d = problem.distance;
  if (typeof d === 'function') return d;
  const n = problem.n;
  return (i, j) => d[i * n + j];
}

export function routeLoad(problem: RoutingProblem, nodes: readonly number[]): number {
  let load = 0;
  for (const v of nodes) load += problem.demand[v];
  return load;
}

export function routeDistance(problem: RoutingProblem, nodes: readonly number[]): number {
  if (nodes.length === 0) return 0;
  const d = distFn(problem);
  let prev = problem.depot;
  let total = 0;
  for (const v of nodes) {
    total += d(prev, v);
    prev = v;
  }
  return total + d(prev, problem.depot);
}

export function findVehicleType(problem: RoutingProblem, id: string): VehicleType | undefined {
  return problem.vehicleTypes.find((t) => t.id === id);
}

export function routeCost(problem: RoutingProblem, route: SolutionRoute): number {
  if (route.nodes.length === 0) return 0;
  const type = findVehicleType(problem, route.vehicleType);
  if (!type) return Infinity;
  return type.fixedCost + type.perDistanceCost * routeDistance(problem, route.nodes);
}

export function solutionCost(problem: RoutingProblem, routes: readonly SolutionRoute[]): number {
  let total = 0;
  for (const r of routes) total += routeCost(problem, r);
  return total;
}

function routeViolations(problem: RoutingProblem, r: SolutionRoute, k: number): string[] {
  const out: string[] = [];
  const type = findVehicleType(problem, r.vehicleType);
  if (!type) return [`route ${k}: unknown vehicle type ${r.vehicleType}`];
  if (r.nodes.length === 0) out.push(`route ${k}: empty route`);
  const load = routeLoad(problem, r.nodes);
  if (load > type.capacity) out.push(`route ${k}: load ${load} exceeds capacity ${type.capacity} of ${type.id}`);
  const dist = routeDistance(problem, r.nodes);
  const maxD = Math.min(type.maxDistance ?? Infinity, problem.maxRouteDistance ?? Infinity);
  if (dist > maxD) out.push(`route ${k}: distance ${dist} exceeds limit ${maxD}`);
  return out;
}

/** Lists every violated constraint; an empty list means the solution is feasible and consistent. */
export function validateSolution(problem: RoutingProblem, solution: RoutingSolution): string[] {
  const out: string[] = [];
  const seen = new Int32Array(problem.n);
  solution.routes.forEach((r, k) => {
    out.push(...routeViolations(problem, r, k));
    for (const v of r.nodes) {
      if (!Number.isInteger(v) || v < 0 || v >= problem.n) out.push(`route ${k}: invalid node ${v}`);
      else if (v === problem.depot) out.push(`route ${k}: depot inside route`);
      else seen[v]++;
    }
  });
  for (let i = 0; i < problem.n; i++) {
    if (i === problem.depot) continue;
    if (seen[i] === 0) out.push(`customer ${i} not served`);
    if (seen[i] > 1) out.push(`customer ${i} served ${seen[i]} times`);
  }
  const cost = solutionCost(problem, solution.routes);
  if (cost !== solution.cost) out.push(`reported cost ${solution.cost} differs from recomputed ${cost}`);
  if (solution.vehicles !== solution.routes.length)
    out.push(`reported vehicles ${solution.vehicles} differs from ${solution.routes.length}`);
  const distance = solution.routes.reduce((s, r) => s + routeDistance(problem, r.nodes), 0);
  if (distance !== solution.distance) out.push(`reported distance ${solution.distance} differs from ${distance}`);
  return out;
}
