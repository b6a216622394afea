import { offer, type Move, type Operator } from './operator';
import type { LsState } from './state';

/** Exchanges the positions of customers u and v (intra or inter route). */
export const swap: Operator = {
  name: 'swap',

  evaluate(s: LsState, u: number, v: number, mv: Move): void {
    const sol = s.sol;
    const r1 = sol.routeOf[u];
    const r2 = sol.routeOf[v];
    const qd = s.ctx.demand[v] - s.ctx.demand[u];
    if (r1 !== r2) {
      const max = s.ctx.cm.maxCapacity;
      if (sol.load[r1] + qd > max || sol.load[r2] - qd > max) return;
    }
    const pu = s.pred(u);
    const nu = s.succ(u);
    const pv = s.pred(v);
    const nv = s.succ(v);
    if (r1 === r2) {
      let delta: number;
      if (nu === v) delta = s.d(pu, v) + s.d(v, u) + s.d(u, nv) - s.d(pu, u) - s.d(u, v) - s.d(v, nv);
      else if (nv === u) delta = s.d(pv, u) + s.d(u, v) + s.d(v, nu) - s.d(pv, v) - s.d(v, u) - s.d(u, nu);
      else {
        delta = s.d(pu, v) + s.d(v, nu) - s.d(pu, u) - s.d(u, nu) + s.d(pv, u) + s.d(u, nv) - s.d(pv, v) - s.d(v, nv);
      }
      offer(mv, this, sol.cost[r1] - s.cost(1, sol.load[r1], sol.dist[r1] + delta), u, v, 0);
      return;
    }
    const d1 = s.d(pu, v) + s.d(v, nu) - s.d(pu, u) - s.d(u, nu);
    const d2 = s.d(pv, u) + s.d(u, nv) - s.d(pv, v) - s.d(v, nv);
    const gain =
      sol.cost[r1] +
      sol.cost[r2] -
      s.cost(1, sol.load[r1] + qd, sol.dist[r1] + d1) -
      s.cost(1, sol.load[r2] - qd, sol.dist[r2] + d2);
    offer(mv, this, gain, u, v, 0);
  },

  apply(s: LsState, mv: Move): void {
    const sol = s.sol;
    const u = mv.a;
    const v = mv.b;
    const r1 = sol.routeOf[u];
    const r2 = sol.routeOf[v];
    sol.routes[r1][s.pos[u]] = v;
    sol.routes[r2][s.pos[v]] = u;
    s.update(r1);
    if (r2 !== r1) s.update(r2);
  },
};
