import type { Context } from '../context';
import type { WorkSolution } from '../work';

/**
 * Local-search view of a WorkSolution: positions and prefix arrays for O(1) move evaluation.
 * For route r with nodes x0..xm-1: cumLoad[i] = q(x0..xi), fwd[i] = d(x0,x1)+…+d(xi-1,xi),
 * bwd[i] = d(x1,x0)+…+d(xi,xi-1) (the same edges driven backwards).
 */
export class LsState {
  sol!: WorkSolution;
  readonly pos: Int32Array;
  cumLoad: number[][] = [];
  fwd: number[][] = [];
  bwd: number[][] = [];
  /** Move counter value when a route last changed. */
  modified: number[] = [];
  moves = 0;
  /** Routes changed by `update` since the owner last drained this list. */
  readonly changed: number[] = [];

  constructor(readonly ctx: Context) {
    this.pos = new Int32Array(ctx.n);
  }

  /** With `focus`, only routes flagged dirty count as changed (pairs within clean routes are skipped). */
  attach(sol: WorkSolution, focus: boolean): void {
    this.sol = sol;
    const nr = sol.routes.length;
    for (let r = 0; r < nr; r++) {
      if (r >= this.cumLoad.length) {
        this.cumLoad.push([]);
        this.fwd.push([]);
        this.bwd.push([]);
      }
      this.modified[r] = focus && sol.dirty[r] === 0 ? 0 : 1;
      this.rebuild(r);
    }
    this.modified.length = nr;
    this.moves = 1;
    this.changed.length = 0;
  }

  private rebuild(r: number): void {
    const { dist, demand, n } = this.ctx;
    const route = this.sol.routes[r];
    const cl = this.cumLoad[r];
    const f = this.fwd[r];
    const b = this.bwd[r];
    const m = route.length;
    cl.length = m;
    f.length = m;
    b.length = m;
    let load = 0;
    let fd = 0;
    let bd = 0;
    let prev = -1;
    for (let i = 0; i < m; i++) {
      const v = route[i];
      if (prev >= 0) {
        fd += dist[prev * n + v];
        bd += dist[v * n + prev];
      }
      load += demand[v];
      cl[i] = load;
      f[i] = fd;
      b[i] = bd;
      this.pos[v] = i;
      prev = v;
    }
  }

  /** Call after changing the node sequence of route r. */
  update(r: number): void {
    this.sol.refresh(r);
    this.rebuild(r);
    this.modified[r] = ++this.moves;
    this.changed.push(r);
  }

  pred(u: number): number {
    const p = this.pos[u];
    return p > 0 ? this.sol.routes[this.sol.routeOf[u]][p - 1] : this.ctx.depot;
  }

  succ(u: number): number {
    const route = this.sol.routes[this.sol.routeOf[u]];
    const p = this.pos[u];
    return p + 1 < route.length ? route[p + 1] : this.ctx.depot;
  }

  /** Distance from the depot to position i of route r along the route. */
  head(r: number, i: number): number {
    const { dist, n, depot } = this.ctx;
    return dist[depot * n + this.sol.routes[r][0]] + this.fwd[r][i];
  }

  /** Distance from position i of route r to the depot along the route. */
  tail(r: number, i: number): number {
    return this.sol.dist[r] - this.head(r, i);
  }

  /** New cost of a route with the given load/distance (0 when it becomes empty). */
  cost(size: number, load: number, dist: number): number {
    return size === 0 ? 0 : this.ctx.cm.routeCost(load, dist);
  }

  d(i: number, j: number): number {
    return this.ctx.dist[i * this.ctx.n + j];
  }
}
