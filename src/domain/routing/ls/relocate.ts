import { offer, type Move, type Operator } from './operator';
import type { LsState } from './state';

/** Moves customer u next to its neighbour v (after v: c=0, before v: c=1), intra or inter route. */
export const relocate: Operator = {
  name: 'relocate',

  evaluate(s: LsState, u: number, v: number, mv: Move): void {
    const sol = s.sol;
    const r1 = sol.routeOf[u];
    const r2 = sol.routeOf[v];
    const q = s.ctx.demand[u];
    if (r1 !== r2 && sol.load[r2] + q > s.ctx.cm.maxCapacity) return;
    const pu = s.pred(u);
    const nu = s.succ(u);
    const pv = s.pred(v);
    const nv = s.succ(v);
    const removal = s.d(pu, nu) - s.d(pu, u) - s.d(u, nu);
    const after = s.d(v, u) + s.d(u, nv) - s.d(v, nv);
    const before = s.d(pv, u) + s.d(u, v) - s.d(pv, v);
    if (r1 === r2) {
      const old = sol.cost[r1];
      const load = sol.load[r1];
      if (v !== pu) offer(mv, this, old - s.cost(1, load, sol.dist[r1] + removal + after), u, v, 0);
      if (v !== nu) offer(mv, this, old - s.cost(1, load, sol.dist[r1] + removal + before), u, v, 1);
      return;
    }
    const size1 = sol.routes[r1].length - 1;
    const c1 = s.cost(size1, sol.load[r1] - q, sol.dist[r1] + removal);
    const base = sol.cost[r1] + sol.cost[r2] - c1;
    const load2 = sol.load[r2] + q;
    offer(mv, this, base - s.cost(1, load2, sol.dist[r2] + after), u, v, 0);
    offer(mv, this, base - s.cost(1, load2, sol.dist[r2] + before), u, v, 1);
  },

  apply(s: LsState, mv: Move): void {
    const u = mv.a;
    const v = mv.b;
    const sol = s.sol;
    const r1 = sol.routeOf[u];
    const r2 = sol.routeOf[v];
    sol.routes[r1].splice(s.pos[u], 1);
    const route2 = sol.routes[r2];
    const at = route2.indexOf(v) + (mv.c === 0 ? 1 : 0);
    route2.splice(at, 0, u);
    s.update(r1);
    if (r2 !== r1) s.update(r2);
  },
};
