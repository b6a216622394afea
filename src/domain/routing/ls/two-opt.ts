import { offer, type Move, type Operator } from './operator';
import type { LsState } from './state';

/** Intra-route 2-opt: reverses a segment so that u and v become adjacent. */
export const twoOpt: Operator = {
  name: '2-opt',

  evaluate(s: LsState, u: number, v: number, mv: Move): void {
    const sol = s.sol;
    const r = sol.routeOf[u];
    if (r !== sol.routeOf[v]) return;
    const route = sol.routes[r];
    const f = s.fwd[r];
    const bw = s.bwd[r];
    let i = s.pos[u];
    let j = s.pos[v];
    if (i > j) {
      const t = i;
      i = j;
      j = t;
    }
    if (j - i < 2) return;
    const a = route[i];
    const b = route[j];
    const old = sol.cost[r];
    const load = sol.load[r];
    const dr = sol.dist[r];
    // A: reverse i+1..j  →  a, b, …, x(i+1), next(b)
    const x1 = route[i + 1];
    const nb = s.succ(b);
    const dA = s.d(a, b) + s.d(x1, nb) - s.d(a, x1) - s.d(b, nb) + (bw[j] - bw[i + 1]) - (f[j] - f[i + 1]);
    offer(mv, this, old - s.cost(1, load, dr + dA), i + 1, j, r);
    // B: reverse i..j-1  →  prev(a), x(j-1), …, a, b
    const pa = s.pred(a);
    const xj = route[j - 1];
    const dB = s.d(pa, xj) + s.d(a, b) - s.d(pa, a) - s.d(xj, b) + (bw[j - 1] - bw[i]) - (f[j - 1] - f[i]);
    offer(mv, this, old - s.cost(1, load, dr + dB), i, j - 1, r);
  },

  apply(s: LsState, mv: Move): void {
    const route = s.sol.routes[mv.c];
    let i = mv.a;
    let j = mv.b;
    while (i < j) {
      const t = route[i];
      route[i++] = route[j];
      route[j--] = t;
    }
    s.update(mv.c);
  },
};
