import type { Context } from '../context';
import type { Rng } from '../prng';
import type { WorkSolution } from '../work';
import type { Move, Operator } from './operator';
import { orOpt } from './or-opt';
import { relocate } from './relocate';
import { LsState } from './state';
import { swap } from './swap';
import { twoOpt } from './two-opt';
import { twoOptStar } from './two-opt-star';

export const ALL_OPERATORS: readonly Operator[] = [relocate, swap, twoOpt, twoOptStar, orOpt];

/**
 * Granular local search: for a customer u and each of its k nearest customers v, the best move
 * over all operators is applied if it improves. Customers wait in a queue; when a route changes,
 * its customers and those having them as neighbours are queued again. Pairs whose routes did not
 * change since u was last examined are skipped.
 */
export class LocalSearch {
  private readonly state: LsState;
  private readonly order: Int32Array;
  private readonly lastTested: Int32Array;
  private readonly mv: Move = { gain: 0, op: null, a: 0, b: 0, c: 0 };
  private readonly k: number;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  private size = 0;
  /** Reverse neighbour lists (CSR): customers having v among their k nearest. */
  private readonly revStart: Int32Array;
  private readonly revList: Int32Array;

  constructor(
    private readonly ctx: Context,
    k: number,
    private readonly ops: readonly Operator[] = ALL_OPERATORS,
  ) {
    this.state = new LsState(ctx);
    this.order = ctx.inst.customers.slice();
    this.lastTested = new Int32Array(ctx.n);
    this.k = Math.min(k + 1, ctx.width);
    this.queue = new Int32Array(ctx.n);
    this.queued = new Uint8Array(ctx.n);
    [this.revStart, this.revList] = this.reverseNeighbours();
  }

  private reverseNeighbours(): [Int32Array, Int32Array] {
    const { n, near, width } = this.ctx;
    const start = new Int32Array(n + 1);
    for (const u of this.order) for (let k = 0; k < this.k; k++) start[near[u * width + k] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]);
    for (const u of this.order) for (let k = 0; k < this.k; k++) list[fill[near[u * width + k]]++] = u;
    return [start, list];
  }

  private push(u: number): void {
    if (this.queued[u]) return;
    this.queued[u] = 1;
    this.queue[(this.head + this.size++) % this.queue.length] = u;
  }

  private pop(): number {
    const u = this.queue[this.head];
    this.head = (this.head + 1) % this.queue.length;
    this.size--;
    this.queued[u] = 0;
    return u;
  }

  /** Queues the customers of route r and the customers that have them as neighbours. */
  private pushRoute(r: number): void {
    const route = this.state.sol.routes[r];
    for (let i = 0; i < route.length; i++) {
      const v = route[i];
      this.push(v);
      for (let x = this.revStart[v]; x < this.revStart[v + 1]; x++) this.push(this.revList[x]);
    }
  }

  /** With `focus`, starts from the routes flagged dirty instead of examining every customer. */
  run(sol: WorkSolution, rng: Rng, focus = false): void {
    const s = this.state;
    s.attach(sol, focus);
    this.lastTested.fill(0);
    this.head = 0;
    this.size = 0;
    if (focus) {
      for (let r = 0; r < sol.routes.length; r++) if (sol.dirty[r]) this.pushRoute(r);
    } else {
      rng.shuffle(this.order);
      for (const u of this.order) this.push(u);
    }
    while (this.size > 0) {
      this.examine(this.pop());
      const changed = s.changed;
      for (let i = 0; i < changed.length; i++) this.pushRoute(changed[i]);
      changed.length = 0;
    }
    sol.compact();
  }

  /** Tries all moves between u and its neighbours, applying improving ones. */
  private examine(u: number): void {
    const s = this.state;
    const sol = s.sol;
    const { near, width } = this.ctx;
    const mv = this.mv;
    const last = this.lastTested[u];
    this.lastTested[u] = s.moves;
    for (let k = 0; k < this.k; k++) {
      const v = near[u * width + k];
      if (v === u) continue;
      if (s.modified[sol.routeOf[u]] <= last && s.modified[sol.routeOf[v]] <= last) continue;
      mv.gain = 0;
      mv.op = null;
      for (let o = 0; o < this.ops.length; o++) this.ops[o].evaluate(s, u, v, mv);
      const op = mv.op as Operator | null;
      if (op !== null) op.apply(s, mv);
    }
  }
}
