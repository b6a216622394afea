import { offer, type Move, type Operator } from './operator';
import type { LsState } from './state';

const MAX_LEN = 3;

/**
 * Inter-route or-opt: moves the string of 2..3 customers starting at u next to v (after or before),
 * possibly reversed. Move code c = len*4 + (before ? 2 : 0) + (reversed ? 1 : 0).
 */
export const orOpt: Operator = {
  name: 'or-opt',

  evaluate(s: LsState, u: number, v: number, mv: Move): void {
    const sol = s.sol;
    const r1 = sol.routeOf[u];
    const r2 = sol.routeOf[v];
    if (r1 === r2) return;
    const R1 = sol.routes[r1];
    const i = s.pos[u];
    const cl1 = s.cumLoad[r1];
    const max = s.ctx.cm.maxCapacity;
    const pu = s.pred(u);
    const pv = s.pred(v);
    const nv = s.succ(v);
    const before = i > 0 ? cl1[i - 1] : 0;
    const old = sol.cost[r1] + sol.cost[r2];
    for (let len = 2; len <= MAX_LEN && i + len <= R1.length; len++) {
      const e = i + len - 1;
      const q = cl1[e] - before;
      if (sol.load[r2] + q > max) return;
      const end = R1[e];
      const nEnd = e + 1 < R1.length ? R1[e + 1] : s.ctx.depot;
      const segF = s.fwd[r1][e] - s.fwd[r1][i];
      const segR = s.bwd[r1][e] - s.bwd[r1][i];
      const d1 = sol.dist[r1] + s.d(pu, nEnd) - s.d(pu, u) - s.d(end, nEnd) - segF;
      const c1 = s.cost(R1.length - len, sol.load[r1] - q, d1);
      const base = old - c1;
      const load2 = sol.load[r2] + q;
      const dr2 = sol.dist[r2];
      // after v: between v and nv
      const baseA = dr2 - s.d(v, nv);
      offer(mv, this, base - s.cost(1, load2, baseA + s.d(v, u) + segF + s.d(end, nv)), u, v, len * 4);
      offer(mv, this, base - s.cost(1, load2, baseA + s.d(v, end) + segR + s.d(u, nv)), u, v, len * 4 + 1);
      // before v: between pv and v
      const baseB = dr2 - s.d(pv, v);
      offer(mv, this, base - s.cost(1, load2, baseB + s.d(pv, u) + segF + s.d(end, v)), u, v, len * 4 + 2);
      offer(mv, this, base - s.cost(1, load2, baseB + s.d(pv, end) + segR + s.d(u, v)), u, v, len * 4 + 3);
    }
  },

  apply(s: LsState, mv: Move): void {
    const sol = s.sol;
    const r1 = sol.routeOf[mv.a];
    const r2 = sol.routeOf[mv.b];
    const len = mv.c >> 2;
    const seg = sol.routes[r1].splice(s.pos[mv.a], len);
    if (mv.c & 1) seg.reverse();
    const R2 = sol.routes[r2];
    const at = s.pos[mv.b] + (mv.c & 2 ? 0 : 1);
    R2.splice(at, 0, ...seg);
    s.update(r1);
    s.update(r2);
  },
};
