import { offer, type Move, type Operator } from './operator';
import type { LsState } from './state';

/** Variant A: r1[..i] + r2[j..] and r2[..j) + r1(i..]; returns the gain. */
function tailExchangeGain(s: LsState, r1: number, r2: number, i: number, j: number): number {
  const sol = s.sol;
  const R1 = sol.routes[r1];
  const R2 = sol.routes[r2];
  const len1 = R1.length;
  const total = sol.load[r1] + sol.load[r2];
  const load1 = s.cumLoad[r1][i] + sol.load[r2] - (j > 0 ? s.cumLoad[r2][j - 1] : 0);
  const max = s.ctx.cm.maxCapacity;
  if (load1 > max || total - load1 > max) return -Infinity;
  const depot = s.ctx.depot;
  const size2 = j + len1 - i - 1;
  const d1 = s.head(r1, i) + s.d(R1[i], R2[j]) + s.tail(r2, j);
  let d2 = 0;
  if (size2 > 0) {
    const a = j > 0 ? R2[j - 1] : depot;
    const b = i + 1 < len1 ? R1[i + 1] : depot;
    d2 = (j > 0 ? s.head(r2, j - 1) : 0) + s.d(a, b) + (i + 1 < len1 ? s.tail(r1, i + 1) : 0);
  }
  const after = s.cost(i + 1 + R2.length - j, load1, d1) + s.cost(size2, total - load1, d2);
  return sol.cost[r1] + sol.cost[r2] - after;
}

/** Variant B: r1[..i] + rev(r2[..j]) and rev(r1(i..]) + r2(j..]; returns the gain. */
function crossReverseGain(s: LsState, r1: number, r2: number, i: number, j: number): number {
  const sol = s.sol;
  const R1 = sol.routes[r1];
  const R2 = sol.routes[r2];
  const len1 = R1.length;
  const len2 = R2.length;
  const total = sol.load[r1] + sol.load[r2];
  const load1 = s.cumLoad[r1][i] + s.cumLoad[r2][j];
  const max = s.ctx.cm.maxCapacity;
  if (load1 > max || total - load1 > max) return -Infinity;
  const depot = s.ctx.depot;
  const d1 = s.head(r1, i) + s.d(R1[i], R2[j]) + s.bwd[r2][j] + s.d(R2[0], depot);
  const size2 = len1 - i - 1 + len2 - j - 1;
  let d2 = 0;
  if (size2 > 0) {
    let e = depot;
    if (i + 1 < len1) {
      const last = len1 - 1;
      d2 = s.d(depot, R1[last]) + s.bwd[r1][last] - s.bwd[r1][i + 1];
      e = R1[i + 1];
    }
    d2 += j + 1 < len2 ? s.d(e, R2[j + 1]) + s.tail(r2, j + 1) : s.d(e, depot);
  }
  const after = s.cost(i + j + 2, load1, d1) + s.cost(size2, total - load1, d2);
  return sol.cost[r1] + sol.cost[r2] - after;
}

/**
 * Inter-route 2-opt*: tail exchange creating the edge u→v (c=0: r1[..u]+r2[v..], r2[..v)+r1(u..]),
 * or the reversed variant (c=1: r1[..u]+rev(r2[..v]), rev(r1(u..])+r2(v..]).
 */
export const twoOptStar: Operator = {
  name: '2-opt*',

  evaluate(s: LsState, u: number, v: number, mv: Move): void {
    const r1 = s.sol.routeOf[u];
    const r2 = s.sol.routeOf[v];
    if (r1 === r2) return;
    const i = s.pos[u];
    const j = s.pos[v];
    offer(mv, this, tailExchangeGain(s, r1, r2, i, j), u, v, 0);
    offer(mv, this, crossReverseGain(s, r1, r2, i, j), u, v, 1);
  },

  apply(s: LsState, mv: Move): void {
    const sol = s.sol;
    const r1 = sol.routeOf[mv.a];
    const r2 = sol.routeOf[mv.b];
    const R1 = sol.routes[r1];
    const R2 = sol.routes[r2];
    const i = s.pos[mv.a];
    const j = s.pos[mv.b];
    const tail1 = R1.splice(i + 1);
    if (mv.c === 0) {
      const tail2 = R2.splice(j);
      for (const x of tail2) R1.push(x);
      for (const x of tail1) R2.push(x);
    } else {
      const head2 = R2.splice(0, j + 1);
      for (let k = head2.length - 1; k >= 0; k--) R1.push(head2[k]);
      tail1.reverse();
      R2.unshift(...tail1);
    }
    s.update(r1);
    s.update(r2);
  },
};
