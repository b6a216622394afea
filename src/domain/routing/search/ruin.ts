import type { Rng } from '../prng';
import type { WorkSolution } from '../work';
import { randomRemoval, routeRemoval, worstRemoval } from './removal';

export interface RuinParams {
  /** Average number of removed customers (SISR c̄). */
  avgRemoved: number;
  /** Maximum string length (SISR L_max). */
  maxString: number;
  /** Probability of a split-string removal instead of a plain string. */
  splitRate: number;
  /** Probability to keep extending the preserved part of a split string. */
  splitDepth: number;
  /** Probability of a random removal instead of string removal. */
  randomRate: number;
  /** Probability of a (randomised) worst removal instead of string removal. */
  worstRate: number;
  /** 'vehicles-then-cost' only: probability of removing a whole short route. */
  routeRate: number;
}

export const DEFAULT_RUIN: RuinParams = {
  avgRemoved: 15,
  maxString: 10,
  splitRate: 0.5,
  splitDepth: 0.5,
  randomRate: 0.02,
  worstRate: 0.02,
  routeRate: 0.1,
};

/** SISR-style adjacent string removal; removed customers are collected in `removed`. */
export class StringRuin {
  readonly removed: Int32Array;
  count = 0;
  private readonly ruined: Int32Array;
  private stamp = 0;

  constructor(
    n: number,
    private readonly p: RuinParams = DEFAULT_RUIN,
  ) {
    this.removed = new Int32Array(n);
    this.ruined = new Int32Array(n + 1);
  }

  run(sol: WorkSolution, rng: Rng): void {
    this.count = 0;
    const u = rng.next();
    const p = this.p;
    if (u < p.randomRate) randomRemoval(sol, this, 1 + rng.int(2 * p.avgRemoved), rng);
    else if (u < p.randomRate + p.worstRate) worstRemoval(sol, this, 1 + rng.int(2 * p.avgRemoved), rng);
    else {
      if (sol.ctx.inst.routePenalty > 0 && rng.next() < p.routeRate) routeRemoval(sol, this, rng);
      this.strings(sol, rng);
    }
  }

  /** Removes the customer at position pos of route r (the caller refreshes the route). */
  removeAt(sol: WorkSolution, r: number, pos: number): void {
    this.take(sol, sol.routes[r], pos, 1);
  }

  private strings(sol: WorkSolution, rng: Rng): void {
    const { near, width, inst } = sol.ctx;
    this.stamp++;
    const nCust = inst.customers.length;
    const avgCard = nCust / Math.max(1, sol.countRoutes());
    const lsMax = Math.min(this.p.maxString, avgCard);
    const ksMax = (4 * this.p.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    const seed = inst.customers[rng.int(nCust)];
    let done = 0;
    for (let k = 0; k < width && done < ks; k++) {
      const c = near[seed * width + k];
      const r = sol.routeOf[c];
      if (r < 0 || this.ruined[r] === this.stamp) continue;
      this.ruined[r] = this.stamp;
      const len = sol.routes[r].length;
      const l = Math.floor(rng.next() * Math.min(len, lsMax)) + 1;
      if (l < len && rng.next() < this.p.splitRate) this.splitString(sol, r, c, l, rng);
      else this.string(sol, r, c, l, rng);
      sol.refresh(r);
      done++;
    }
  }

  private take(sol: WorkSolution, route: number[], start: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const v = route[start + i];
      this.removed[this.count++] = v;
      sol.routeOf[v] = -1;
    }
    route.splice(start, count);
  }

  /** Removes l consecutive customers containing c. */
  private string(sol: WorkSolution, r: number, c: number, l: number, rng: Rng): void {
    const route = sol.routes[r];
    const pos = route.indexOf(c);
    const lo = Math.max(0, pos - l + 1);
    const hi = Math.min(pos, route.length - l);
    const start = lo + rng.int(hi - lo + 1);
    this.take(sol, route, start, l);
  }

  /** Removes l customers out of a string of l+m containing c, keeping m consecutive ones. */
  private splitString(sol: WorkSolution, r: number, c: number, l: number, rng: Rng): void {
    const route = sol.routes[r];
    let m = 1;
    while (m < route.length - l && rng.next() < this.p.splitDepth) m++;
    const total = l + m;
    const pos = route.indexOf(c);
    const lo = Math.max(0, pos - total + 1);
    const hi = Math.min(pos, route.length - total);
    const start = lo + rng.int(hi - lo + 1);
    const keepAt = start + rng.int(l + 1);
    // remove the part after the kept block first so indices stay valid
    const afterStart = keepAt + m;
    const afterCount = start + total - afterStart;
    if (afterCount > 0) this.take(sol, route, afterStart, afterCount);
    if (keepAt - start > 0) this.take(sol, route, start, keepAt - start);
  }
}
