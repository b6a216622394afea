import type { TravelUnit } from './grouping';

/** A pick-up route as villages in driving order (indices into the caller's distances), each with who boards there. */
export type Visit = { village: number; units: TravelUnit[] };

export interface RouteMetric {
  /** Distance between two villages. */
  between(a: number, b: number): number;
  /** Distance from a village to the depot, in the router's terms (the bus router's is 0: see routeBuses). */
  depot(v: number): number;
  /** The longest a route may grow to: the pick-up round limit of the driving rules. */
  maxRound: number;
  /** Seats of the largest bus. */
  cap: number;
  /** What a route costs to hire and drive: of the routes that can go, the one leaving the cheapest rest goes. */
  cost(r: readonly Visit[]): number;
}

const size = (units: readonly TravelUnit[]) => units.reduce((n, u) => n + u.members.length, 0);
/** Travellers aboard a route. */
export const load = (r: readonly Visit[]) => r.reduce((n, v) => n + size(v.units), 0);

function length(r: readonly Visit[], m: RouteMetric): number {
  if (!r.length) return 0;
  let d = m.depot(r[0].village) + m.depot(r.at(-1)!.village);
  for (let i = 1; i < r.length; i++) d += m.between(r[i - 1].village, r[i].village);
  return d;
}

/**
 * The cheapest place for `units` of one village on `route` within the round limit, and what they add to the route's
 * cost: its visit of the village, else the shortest detour to a new visit.
 */
function cheapestSpot(route: readonly Visit[], units: TravelUnit[], village: number, m: RouteMetric) {
  const at = route.findIndex((v) => v.village === village);
  let next: Visit[] | null = null;
  if (at >= 0) next = route.map((v, i) => (i === at ? { ...v, units: [...v.units, ...units] } : v));
  else {
    let shortest = Infinity;
    for (let i = 0; i <= route.length; i++) {
      const r = [...route.slice(0, i), { village, units }, ...route.slice(i)];
      const len = length(r, m);
      if (len <= m.maxRound && len < shortest) [next, shortest] = [r, len];
    }
  }
  return next && { delta: m.cost(next) - m.cost(route), route: next };
}

/** The route of `rest` where `units` cost least to add, within its seats and the round limit. */
function bestSpot(rest: readonly Visit[][], units: TravelUnit[], village: number, m: RouteMetric) {
  const n = size(units);
  let best: { i: number; delta: number; route: Visit[] } | null = null;
  for (let i = 0; i < rest.length; i++) {
    if (load(rest[i]) + n > m.cap) continue;
    const spot = cheapestSpot(rest[i], units, village, m);
    if (spot && (!best || spot.delta < best.delta)) best = { i, ...spot };
  }
  return best;
}

/**
 * Every unit of route `victim` moved to another route: a village's units together where one route has the seats
 * (one detour, not one per family), else family by family, largest first, each where it costs least.
 */
function withoutRoute(routes: readonly Visit[][], victim: number, m: RouteMetric): Visit[][] | null {
  const rest = routes.filter((_, i) => i !== victim);
  for (const visit of [...routes[victim]].sort((a, b) => size(b.units) - size(a.units))) {
    const whole = bestSpot(rest, visit.units, visit.village, m);
    if (whole) {
      rest[whole.i] = whole.route;
      continue;
    }
    for (const unit of [...visit.units].sort((a, b) => b.members.length - a.members.length)) {
      const best = bestSpot(rest, [unit], visit.village, m);
      if (!best) return null;
      rest[best.i] = best.route;
    }
  }
  return rest;
}

/**
 * Takes buses out of a routed solution while it has more than the fewest its travellers need, as the router's own
 * objective does (fewest vehicles, then cost): of the routes that can be dissolved into the spare seats of the others
 * (a village's families together where one bus has the seats, else family by family; a split pick-up where a village
 * is then visited twice; no route beyond the round limit), the one whose removal leaves the cheapest buses goes.
 * The router works on pieces of several families, which cannot fill a bus's last few seats; this does.
 * Deterministic; answers the routes unchanged when none can go.
 */
export function fewerRoutes(routes: readonly Visit[][], m: RouteMetric): Visit[][] {
  let out = routes.map((r) => [...r]);
  const fewest = Math.ceil(out.reduce((n, r) => n + load(r), 0) / m.cap);
  while (out.length > fewest) {
    let best: { routes: Visit[][]; cost: number } | null = null;
    for (let i = 0; i < out.length; i++) {
      const next = withoutRoute(out, i, m);
      const cost = next?.reduce((c, r) => c + m.cost(r), 0) ?? Infinity;
      if (next && (!best || cost < best.cost)) best = { routes: next, cost };
    }
    if (!best) break;
    out = best.routes;
  }
  return out;
}
