import type { Rng } from '../prng';
import type { WorkSolution } from '../work';

export interface RecreateParams {
  /** Probability of skipping an insertion position (SISR blinks). */
  blinkRate: number;
  /** Only routes holding one of the `candidateRoutesFrom` nearest customers are tried (0 = all routes). */
  candidateRoutesFrom: number;
}

export const DEFAULT_RECREATE: RecreateParams = { blinkRate: 0.01, candidateRoutesFrom: 0 };

/** Order weights: random 4, demand 4, far from depot 2, close to depot 1 (SISR). */
function sortRemoved(sol: WorkSolution, list: Int32Array, count: number, keys: Float64Array, rng: Rng): void {
  const { demand, dist, depot, n } = sol.ctx;
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = list[i];
    list[i] = list[j];
    list[j] = t;
  }
  const u = rng.int(11);
  if (u < 4) return;
  for (let i = 0; i < count; i++) {
    const v = list[i];
    keys[i] = u < 8 ? -demand[v] : u < 10 ? -dist[depot * n + v] : dist[depot * n + v];
  }
  for (let i = 1; i < count; i++) {
    const v = list[i];
    const kv = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > kv) {
      list[j + 1] = list[j];
      keys[j + 1] = keys[j];
      j--;
    }
    list[j + 1] = v;
    keys[j + 1] = kv;
  }
}

/** Greedy insertion with blinks of removed customers, in a randomly chosen order. */
export class BlinkRecreate {
  private readonly seen: Int32Array;
  private readonly keys: Float64Array;
  private stamp = 0;
  private untilBlink = 0;
  private readonly logKeep: number;

  constructor(
    n: number,
    private readonly p: RecreateParams = DEFAULT_RECREATE,
  ) {
    this.seen = new Int32Array(n + 1);
    this.keys = new Float64Array(n);
    this.logKeep = Math.log(1 - p.blinkRate);
  }

  run(sol: WorkSolution, list: Int32Array, count: number, rng: Rng): void {
    sortRemoved(sol, list, count, this.keys, rng);
    this.untilBlink = this.nextBlink(rng);
    for (let i = 0; i < count; i++) this.insert(sol, list[i], rng);
  }

  private nextBlink(rng: Rng): number {
    if (this.p.blinkRate <= 0) return Infinity;
    return Math.floor(Math.log(1 - rng.next()) / this.logKeep);
  }

  private bestPos = -1;
  private bestDelta = 0;

  /** Cheapest non-blinked position of c in route r (sets bestPos/bestDelta; bestPos -1 if none). */
  private scanRoute(sol: WorkSolution, r: number, c: number, rng: Rng): void {
    const { dist, n, depot, symmetric } = sol.ctx;
    const route = sol.routes[r];
    const len = route.length;
    const cRow = c * n;
    let prevRow = depot * n;
    let dPrevC = dist[prevRow + c];
    let best = Infinity;
    let bestPos = -1;
    let blink = this.untilBlink;
    for (let i = 0; i <= len; i++) {
      const next = i < len ? route[i] : depot;
      const dCNext = dist[cRow + next];
      if (blink-- <= 0) {
        blink = this.nextBlink(rng);
      } else {
        const d = dPrevC + dCNext - dist[prevRow + next];
        if (d < best) {
          best = d;
          bestPos = i;
        }
      }
      prevRow = next * n;
      dPrevC = symmetric ? dCNext : dist[prevRow + c];
    }
    this.untilBlink = blink;
    this.bestPos = bestPos;
    this.bestDelta = best;
  }

  private candCost = 0;
  private candRoute = -1;
  private candPos = 0;
  private candDelta = 0;

  /** Offers the cheapest position of c in route r as the insertion candidate. */
  private evalRoute(sol: WorkSolution, r: number, c: number, q: number, rng: Rng): void {
    if (sol.routes[r].length === 0 || sol.load[r] + q > sol.ctx.cm.maxCapacity) return;
    this.scanRoute(sol, r, c, rng);
    if (this.bestPos < 0) return;
    const delta = sol.ctx.cm.routeCost(sol.load[r] + q, sol.dist[r] + this.bestDelta) - sol.cost[r];
    if (delta < this.candCost) {
      this.candCost = delta;
      this.candRoute = r;
      this.candPos = this.bestPos;
      this.candDelta = this.bestDelta;
    }
  }

  private insert(sol: WorkSolution, c: number, rng: Rng): void {
    const { cm, demand, dist, n, depot, near, width } = sol.ctx;
    const q = demand[c];
    this.candCost = cm.routeCost(q, dist[depot * n + c] + dist[c * n + depot]);
    this.candRoute = -1;
    const k = this.p.candidateRoutesFrom;
    const nr = sol.routes.length;
    if (k > 0 && k < nr * 4) {
      const stamp = ++this.stamp;
      const lim = Math.min(k, width);
      for (let j = 0; j < lim; j++) {
        const r = sol.routeOf[near[c * width + j]];
        if (r < 0 || this.seen[r] === stamp) continue;
        this.seen[r] = stamp;
        this.evalRoute(sol, r, c, q, rng);
      }
    } else {
      for (let r = 0; r < nr; r++) this.evalRoute(sol, r, c, q, rng);
    }
    if (this.candRoute < 0) {
      sol.addRoute([c]);
      return;
    }
    sol.insertAt(this.candRoute, this.candPos, c, this.candDelta);
  }
}
