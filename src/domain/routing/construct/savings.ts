import type { Context } from '../context';
import { WorkSolution } from '../work';

/** Pairs (i<j) of customers sorted by decreasing savings d(i,0)+d(0,j)-d(i,j) (ties by pair index). */
function sortedPairs(ctx: Context): Float64Array {
  const { n, depot, dist } = ctx;
  const cs = ctx.inst.customers;
  const m = cs.length;
  const keys = new Float64Array((m * (m - 1)) / 2);
  let maxS = 0;
  for (let a = 0; a < m; a++) {
    const i = cs[a];
    maxS = Math.max(maxS, 2 * (dist[depot * n + i] + dist[i * n + depot]));
  }
  let k = 0;
  for (let a = 0; a < m; a++) {
    const i = cs[a];
    for (let b = a + 1; b < m; b++) {
      const j = cs[b];
      const s = dist[i * n + depot] + dist[depot * n + j] - dist[i * n + j];
      keys[k++] = (maxS - s) * n * n + i * n + j;
    }
  }
  keys.sort();
  return keys;
}

interface Merge {
  ra: number;
  rb: number;
  nodes: number[];
}

/** Joins the routes of i and j through the edge (i, j) when both are route ends. */
function tryJoin(sol: WorkSolution, i: number, j: number): Merge | null {
  const ra = sol.routeOf[i];
  const rb = sol.routeOf[j];
  if (ra === rb) return null;
  const A = sol.routes[ra];
  const B = sol.routes[rb];
  const iLast = A[A.length - 1] === i;
  const iFirst = A[0] === i;
  const jFirst = B[0] === j;
  const jLast = B[B.length - 1] === j;
  let nodes: number[];
  if (iLast && jFirst) nodes = A.concat(B);
  else if (iFirst && jLast) nodes = B.concat(A);
  else if (iLast && jLast) nodes = A.concat(B.slice().reverse());
  else if (iFirst && jFirst) nodes = A.slice().reverse().concat(B);
  else return null;
  return { ra, rb, nodes };
}

function routeLength(ctx: Context, nodes: number[]): { load: number; dist: number } {
  const { n, depot, dist, demand } = ctx;
  let load = 0;
  let d = 0;
  let prev = depot;
  for (const v of nodes) {
    load += demand[v];
    d += dist[prev * n + v];
    prev = v;
  }
  return { load, dist: d + dist[prev * n + depot] };
}

/** Parallel Clarke–Wright savings: merges while the merged route is feasible and not more expensive. */
export function savingsConstruction(ctx: Context): WorkSolution {
  const sol = new WorkSolution(ctx);
  for (const c of ctx.inst.customers) sol.addRoute([c]);
  const keys = sortedPairs(ctx);
  const n = ctx.n;
  const nn = n * n;
  for (let k = 0; k < keys.length; k++) {
    const code = keys[k] % nn;
    const i = Math.floor(code / n);
    const j = code % n;
    const m = tryJoin(sol, i, j);
    if (!m) continue;
    const { load, dist } = routeLength(ctx, m.nodes);
    const c = ctx.cm.routeCost(load, dist);
    if (!(c <= sol.cost[m.ra] + sol.cost[m.rb])) continue;
    sol.routes[m.ra] = m.nodes;
    sol.routes[m.rb] = [];
    sol.refresh(m.ra);
    sol.refresh(m.rb);
  }
  sol.compact();
  sol.recomputeTotal();
  return sol;
}
