import type { Rng } from '../prng';
import type { WorkSolution } from '../work';

/** What the removal heuristics need from the ruin operator. */
export interface RemovalSink {
  count: number;
  removeAt(sol: WorkSolution, r: number, pos: number): void;
}

function remove(sol: WorkSolution, sink: RemovalSink, c: number): void {
  const r = sol.routeOf[c];
  if (r < 0) return;
  sink.removeAt(sol, r, sol.routes[r].indexOf(c));
  sol.refresh(r);
}

/** Removes `count` customers chosen uniformly at random. */
export function randomRemoval(sol: WorkSolution, sink: RemovalSink, count: number, rng: Rng): void {
  const cs = sol.ctx.inst.customers;
  const target = Math.min(count, cs.length);
  for (let tries = 0; sink.count < target && tries < 10 * target; tries++) remove(sol, sink, cs[rng.int(cs.length)]);
}

/** Distance saved by removing customer v from its route. */
function removalSaving(sol: WorkSolution, v: number): number {
  const { dist, n, depot } = sol.ctx;
  const route = sol.routes[sol.routeOf[v]];
  const i = route.indexOf(v);
  const p = i > 0 ? route[i - 1] : depot;
  const x = i + 1 < route.length ? route[i + 1] : depot;
  return dist[p * n + v] + dist[v * n + x] - dist[p * n + x];
}

/**
 * Randomised worst removal (Ropke & Pisinger) over a random sample of 4×count customers:
 * sorted by the distance saved when removed, the i-th pick takes rank ⌊y³·m⌋ of the m left.
 */
export function worstRemoval(sol: WorkSolution, sink: RemovalSink, count: number, rng: Rng): void {
  const cs = sol.ctx.inst.customers;
  const n = sol.ctx.n;
  const keys: number[] = [];
  const sample = Math.min(cs.length, 4 * count);
  for (let t = 0; t < sample; t++) {
    const v = cs[rng.int(cs.length)];
    if (sol.routeOf[v] >= 0) keys.push(-removalSaving(sol, v) * n - v);
  }
  keys.sort((a, b) => a - b);
  const order = keys.map((k) => ((-k % n) + n) % n);
  const target = Math.min(count, cs.length);
  while (sink.count < target && order.length > 0) {
    const y = rng.next();
    const idx = Math.floor(y * y * y * order.length);
    remove(sol, sink, order[idx]);
    order.splice(idx, 1);
  }
}

/** Removes every customer of one of the shortest routes (fleet-size reduction). */
export function routeRemoval(sol: WorkSolution, sink: RemovalSink, rng: Rng): void {
  let best = -1;
  let bestKey = Infinity;
  for (let r = 0; r < sol.routes.length; r++) {
    const len = sol.routes[r].length;
    if (len === 0) continue;
    const key = len + 3 * rng.next();
    if (key < bestKey) {
      bestKey = key;
      best = r;
    }
  }
  if (best < 0 || sol.countRoutes() < 2) return;
  const route = sol.routes[best];
  while (route.length > 0) sink.removeAt(sol, best, route.length - 1);
  sol.refresh(best);
}
