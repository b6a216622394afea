import { CostModel } from './cost';
import type { Instance } from './problem';

/** Read-only data shared by construction, ruin-and-recreate and local search. */
export interface Context {
  inst: Instance;
  n: number;
  depot: number;
  dist: Int32Array;
  demand: Int32Array;
  cm: CostModel;
  /** Row i: the `width` customers closest to i (i itself first when i is a customer). */
  near: Int32Array;
  width: number;
  /** True when dist[i][j] === dist[j][i] for all pairs. */
  symmetric: boolean;
}

function isSymmetric(dist: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (dist[i * n + j] !== dist[j * n + i]) return false;
  return true;
}

/** Sorts, for every node, the other customers by distance (ties by index). */
function buildNear(inst: Instance, width: number): Int32Array {
  const { n, dist, customers } = inst;
  const m = customers.length;
  const near = new Int32Array(n * width);
  const keys = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const j = customers[k];
      keys[k] = (dist[i * n + j] + dist[j * n + i]) * n + j;
    }
    keys.sort();
    for (let k = 0; k < width; k++) near[i * width + k] = keys[k] % n;
  }
  return near;
}

export function makeContext(inst: Instance, maxWidth = 160): Context {
  const width = Math.min(inst.customers.length, maxWidth);
  return {
    inst,
    n: inst.n,
    depot: inst.depot,
    dist: inst.dist,
    demand: inst.demand,
    cm: new CostModel(inst),
    near: buildNear(inst, width),
    width,
    symmetric: isSymmetric(inst.dist, inst.n),
  };
}
