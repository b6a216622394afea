/**
 * Capacitated vehicle routing problem: input types and the normalised,
 * integer-only instance the routing core works on.
 */

export interface VehicleType {
  id: string;
  /** Maximum load (same unit as demand). */
  capacity: number;
  /** Integer cost paid once per route driven by this type. */
  fixedCost: number;
  /** Integer multiplier applied to the route distance. */
  perDistanceCost: number;
  /** Optional maximum route distance for this type. */
  maxDistance?: number;
}

export type Objective = 'vehicles-then-cost' | 'cost';

export interface RoutingProblem {
  /** Index of the depot node. */
  depot: number;
  /** Number of nodes (depot included). */
  n: number;
  /** Demand per node (the depot's is ignored). Each demand must be <= the largest capacity. */
  demand: ArrayLike<number>;
  /** Integer distances: a flat row-major n×n matrix, or a function. */
  distance: Int32Array | ((i: number, j: number) => number);
  /** Heterogeneous fleet: unlimited vehicles of each type. */
  vehicleTypes: VehicleType[];
  /** Optional maximum distance of every route. */
  maxRouteDistance?: number;
  /** Default 'vehicles-then-cost'. CVRPLIB benchmarks use 'cost'. */
  objective?: Objective;
}

/** Normalised instance: flat integer matrix and vehicle types sorted by capacity. */
export interface Instance {
  n: number;
  depot: number;
  demand: Int32Array;
  dist: Int32Array;
  customers: Int32Array;
  types: VehicleType[];
  maxCapacity: number;
  /** Per-type distance limit, Infinity when absent. */
  typeMaxDist: Float64Array;
  objective: Objective;
  /** Extra cost per route used to make the vehicle count dominate ('vehicles-then-cost'). */
  routePenalty: number;
}

function assertInteger(value: number, what: string): void {
  if (!Number.isInteger(value)) throw new Error(`${what} must be an integer, got ${value}`);
}

function buildMatrix(p: RoutingProblem): Int32Array {
  const n = p.n;
  if (p.distance instanceof Int32Array) {
    if (p.distance.length !== n * n) throw new Error(`distance matrix must have ${n * n} entries`);
    return p.distance;
  }
  const f = p.distance;
  const m = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = f(i, j);
      assertInteger(d, `distance(${i},${j})`);
      m[i * n + j] = d;
    }
  }
  return m;
}

function validateTypes(types: VehicleType[]): VehicleType[] {
  if (types.length === 0) throw new Error('at least one vehicle type is required');
  for (const t of types) {
    assertInteger(t.fixedCost, `fixedCost of ${t.id}`);
    assertInteger(t.perDistanceCost, `perDistanceCost of ${t.id}`);
    if (t.capacity <= 0) throw new Error(`capacity of ${t.id} must be positive`);
  }
  return [...types].sort((a, b) => a.capacity - b.capacity || a.fixedCost - b.fixedCost);
}

export function normalizeProblem(p: RoutingProblem): Instance {
  const n = p.n;
  if (p.depot < 0 || p.depot >= n) throw new Error('depot index out of range');
  const types = validateTypes(p.vehicleTypes);
  const maxCapacity = types[types.length - 1].capacity;
  const demand = new Int32Array(n);
  const customers = new Int32Array(n - 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (i === p.depot) continue;
    const q = p.demand[i];
    assertInteger(q, `demand[${i}]`);
    if (q > maxCapacity) throw new Error(`demand of node ${i} (${q}) exceeds the largest capacity`);
    demand[i] = q;
    customers[k++] = i;
  }
  const dist = buildMatrix(p);
  const globalMax = p.maxRouteDistance ?? Infinity;
  const typeMaxDist = Float64Array.from(types, (t) => Math.min(t.maxDistance ?? Infinity, globalMax));
  const objective = p.objective ?? 'vehicles-then-cost';
  return {
    n,
    depot: p.depot,
    demand,
    dist,
    customers,
    types,
    maxCapacity,
    typeMaxDist,
    objective,
    routePenalty: objective === 'cost' ? 0 : penaltyBound(dist, n, p.depot, types),
  };
}

/** Larger than the cost of any sensible solution: one route per customer. */
function penaltyBound(dist: Int32Array, n: number, depot: number, types: VehicleType[]): number {
  let maxFixed = 0;
  let maxPer = 0;
  for (const t of types) {
    maxFixed = Math.max(maxFixed, t.fixedCost);
    maxPer = Math.max(maxPer, t.perDistanceCost);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += dist[depot * n + i] + dist[i * n + depot];
  return maxFixed * n + maxPer * sum + 1;
}
