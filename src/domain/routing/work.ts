import type { Context } from './context';

/** Mutable solution used inside the search: customer sequences with cached load, distance, cost. */
export class WorkSolution {
  routes: number[][] = [];
  load: number[] = [];
  dist: number[] = [];
  cost: number[] = [];
  /** 1 when the route changed since the last copy/sync (local search focuses on those). */
  dirty: number[] = [];
  /** Indices of the dirty routes. */
  readonly dirtyList: number[] = [];
  /** Route index of every node, -1 for unassigned customers and the depot. */
  readonly routeOf: Int32Array;
  total = 0;

  constructor(readonly ctx: Context) {
    this.routeOf = new Int32Array(ctx.n).fill(-1);
  }

  copyFrom(o: WorkSolution): void {
    const nr = o.routes.length;
    for (let r = 0; r < nr; r++) {
      const src = o.routes[r];
      if (r < this.routes.length) {
        const dst = this.routes[r];
        dst.length = src.length;
        for (let i = 0; i < src.length; i++) dst[i] = src[i];
      } else this.routes.push(src.slice());
      this.load[r] = o.load[r];
      this.dist[r] = o.dist[r];
      this.cost[r] = o.cost[r];
      this.dirty[r] = 0;
    }
    this.routes.length = nr;
    this.load.length = nr;
    this.dist.length = nr;
    this.cost.length = nr;
    this.dirty.length = nr;
    this.routeOf.set(o.routeOf);
    this.total = o.total;
    this.dirtyList.length = 0;
  }

  /**
   * Makes this solution equal to `o`, given that the two differ only in the routes listed
   * (the dirty routes of whichever changed). O(size of those routes) instead of O(n).
   */
  syncFrom(o: WorkSolution, changed: readonly number[]): void {
    for (let k = 0; k < changed.length; k++) {
      const r = changed[k];
      while (this.routes.length <= r) this.pushEmpty();
      const src = o.routes[r] ?? [];
      const dst = this.routes[r];
      dst.length = src.length;
      for (let i = 0; i < src.length; i++) {
        dst[i] = src[i];
        this.routeOf[src[i]] = r;
      }
      this.load[r] = o.load[r] ?? 0;
      this.dist[r] = o.dist[r] ?? 0;
      this.cost[r] = o.cost[r] ?? 0;
    }
    this.total = o.total;
  }

  /** Clears the dirty flags. */
  clean(): void {
    for (let k = 0; k < this.dirtyList.length; k++) this.dirty[this.dirtyList[k]] = 0;
    this.dirtyList.length = 0;
  }

  private pushEmpty(): void {
    this.routes.push([]);
    this.load.push(0);
    this.dist.push(0);
    this.cost.push(0);
    this.dirty.push(0);
  }

  /** Number of non-empty routes. */
  countRoutes(): number {
    let k = 0;
    for (let r = 0; r < this.routes.length; r++) if (this.routes[r].length > 0) k++;
    return k;
  }

  /** Recomputes cached values of route r and the routeOf of its nodes; updates the total. */
  refresh(r: number): void {
    const { dist, demand, depot, n, cm } = this.ctx;
    const route = this.routes[r];
    let load = 0;
    let d = 0;
    let prev = depot;
    for (let i = 0; i < route.length; i++) {
      const v = route[i];
      load += demand[v];
      d += dist[prev * n + v];
      prev = v;
      this.routeOf[v] = r;
    }
    d += dist[prev * n + depot];
    const c = route.length === 0 ? 0 : cm.routeCost(load, d);
    this.total += c - this.cost[r];
    this.load[r] = load;
    this.dist[r] = route.length === 0 ? 0 : d;
    this.cost[r] = c;
    if (this.dirty[r] === 0) {
      this.dirty[r] = 1;
      this.dirtyList.push(r);
    }
  }

  /** Inserts customer c at position pos of non-empty route r, whose distance grows by `delta`. */
  insertAt(r: number, pos: number, c: number, delta: number): void {
    this.routes[r].splice(pos, 0, c);
    this.routeOf[c] = r;
    const load = this.load[r] + this.ctx.demand[c];
    const d = this.dist[r] + delta;
    const cost = this.ctx.cm.routeCost(load, d);
    this.total += cost - this.cost[r];
    this.load[r] = load;
    this.dist[r] = d;
    this.cost[r] = cost;
    if (this.dirty[r] === 0) {
      this.dirty[r] = 1;
      this.dirtyList.push(r);
    }
  }

  /** Adds a route holding `nodes`, reusing an empty slot if there is one. */
  addRoute(nodes: number[]): number {
    let r = 0;
    while (r < this.routes.length && this.routes[r].length > 0) r++;
    if (r === this.routes.length) this.pushEmpty();
    const dst = this.routes[r];
    dst.length = 0;
    for (let i = 0; i < nodes.length; i++) dst.push(nodes[i]);
    this.refresh(r);
    return r;
  }

  /** Drops empty routes (keeps the order of the others); the dirty list is emptied. */
  compact(): void {
    let w = 0;
    for (let r = 0; r < this.routes.length; r++) {
      if (this.routes[r].length === 0) continue;
      if (w !== r) {
        const tmp = this.routes[w];
        this.routes[w] = this.routes[r];
        this.routes[r] = tmp;
        this.load[w] = this.load[r];
        this.dist[w] = this.dist[r];
        this.cost[w] = this.cost[r];
        this.dirty[w] = this.dirty[r];
        for (const v of this.routes[w]) this.routeOf[v] = w;
      }
      w++;
    }
    this.routes.length = w;
    this.load.length = w;
    this.dist.length = w;
    this.cost.length = w;
    this.dirty.length = w;
    this.dirtyList.length = 0;
    for (let r = 0; r < w; r++) if (this.dirty[r]) this.dirtyList.push(r);
  }

  recomputeTotal(): number {
    let t = 0;
    for (let r = 0; r < this.routes.length; r++) t += this.cost[r];
    this.total = t;
    return t;
  }
}
