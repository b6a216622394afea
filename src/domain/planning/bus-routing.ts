import type { DistanceProvider, LonLat } from '../geo/distance';
import type { DrivingRules, RoutingConfig, VehicleType } from '../reference/planner-config';
import { solveCvrp, type RoutingProblem } from '../routing';
import {
  fullBusChunks,
  pieces,
  smallestBusFor,
  usableSeats,
  villageStops,
  type BusLoad,
  type VillageStop,
} from './bus-loading';
import type { TravelUnit } from './grouping';
import { fewerRoutes, load, type RouteMetric, type Visit } from './route-repair';

/** What the bus router needs besides the units: fleet, distances, budget and the pick-up round limit. */
export interface BusRoutingParams {
  buses: readonly VehicleType[];
  distance: DistanceProvider;
  routing: RoutingConfig;
  /** Longest pick-up round in metres (see `pickupRoundLimitM`). */
  maxRoundM: number;
  /** Optional injected clock for the wall-clock safety net (the iteration budget is the real stopping rule). */
  now?: () => number;
}

/** Distances of the router are in hectometres so that per-km tariffs (fen) become integer costs per unit. */
const HM = 100;

/**
 * The longest pick-up path of a bus, from its first village to its last, before it heads for the destination: one
 * continuous driving spell by day (4 h × 70 km/h = 280 km with the 2020 rules).
 */
export const pickupRoundLimitM = (rules: DrivingRules, busKmh: number): number =>
  Math.round((rules.maxContinuousDayMin / 60) * busKmh * 1000);

/** The iteration budget of one group: per pick-up node, clamped; derived from the problem size only. */
export const iterationBudget = (r: RoutingConfig, nodes: number): number =>
  Math.max(r.minIterations, Math.min(r.maxIterations, r.iterationsPerCustomer * nodes));

interface Node {
  stop: VillageStop;
  units: TravelUnit[];
  people: number;
}

const people = (units: readonly TravelUnit[]) => units.reduce((n, u) => n + u.members.length, 0);

/**
 * Bus pick-ups as a capacitated vehicle routing problem with split pick-ups.
 * 1. A village with a busload or more fills whole buses first (families never split; the largest bus).
 * 2. What is left of every village is cut into pieces of whole families and routed by the CVRP solver:
 *    heterogeneous fleet (fixed + per-km cost), objective fewest vehicles then lowest cost, the
 *    destination (factory, station or airport) as depot. The depot edges are 0: a route's length is its
 *    pick-up path from the first village to the last, which the round limit keeps within one driving
 *    spell however far the cluster is from the destination (counting the run there against the round
 *    put far villages near each other on buses of their own). The run from the route's end to the
 *    destination is about the same for any cut of one cluster, so the path drives the choice.
 * 3. Each route is driven from its far end towards the destination in the smallest bus that seats it.
 * Pure and deterministic: the same units, fleet, seed and budget give the same buses.
 */
export function routeBuses(units: readonly TravelUnit[], dest: LonLat, p: BusRoutingParams): BusLoad[] {
  if (!units.length) return [];
  const buses = [...p.buses].sort((a, b) => usableSeats(a) - usableSeats(b) || a.fixedFen - b.fixedFen);
  const largest = buses.at(-1)!;
  const cap = usableSeats(largest);
  const loads: BusLoad[] = [];
  const nodes: Node[] = [];
  for (const stop of villageStops(units)) {
    const { full, rest } = fullBusChunks(stop.units, cap);
    for (const bus of full)
      loads.push({
        vehicleType: smallestBusFor(people(bus), buses),
        stops: [{ ...stop, units: bus }],
        passengers: people(bus),
      });
    for (const piece of pieces(rest, p.routing.pieceMaxPeople))
      nodes.push({ stop, units: piece, people: people(piece) });
  }
  if (nodes.length) loads.push(...routeRest(nodes, dest, buses, p));
  return loads;
}

function routeRest(nodes: Node[], dest: LonLat, buses: VehicleType[], p: BusRoutingParams): BusLoad[] {
  const d = p.distance;
  const m = nodes.length;
  const n = m + 1; // node 0: the destination
  // Distances between villages (pieces of one village are 0 apart), then to the destination.
  const villages = [...new Set(nodes.map((x) => x.stop))];
  const vIndex = new Map(villages.map((v, i) => [v, i]));
  const vd = new Float64Array(villages.length * villages.length);
  for (let i = 0; i < villages.length; i++) {
    for (let j = i + 1; j < villages.length; j++)
      vd[i * villages.length + j] = vd[j * villages.length + i] = d.metres(villages[i], villages[j], 'road');
  }
  const toDest = villages.map((v) => d.metres(v, dest, 'road'));
  // Row and column 0 (the depot) stay 0; a village alone is a route of length 0, always within the limit.
  const dist = new Int32Array(n * n);
  for (let a = 0; a < m; a++) {
    const va = vIndex.get(nodes[a].stop)!;
    for (let b = 0; b < m; b++)
      dist[(a + 1) * n + b + 1] = Math.round(vd[va * villages.length + vIndex.get(nodes[b].stop)!] / HM);
  }
  const maxRound = Math.round(p.maxRoundM / HM);
  const problem: RoutingProblem = {
    depot: 0,
    n,
    demand: Int32Array.from({ length: n }, (_, i) => (i === 0 ? 0 : nodes[i - 1].people)),
    distance: dist,
    vehicleTypes: buses.map((b) => ({
      id: b.id,
      capacity: usableSeats(b),
      fixedCost: b.fixedFen,
      perDistanceCost: Math.round((b.perKmFen * HM) / 1000),
    })),
    maxRouteDistance: maxRound,
    objective: 'vehicles-then-cost',
  };
  const r = p.routing;
  const sol = solveCvrp(problem, {
    seed: r.seed,
    maxIterations: m <= 1 ? 0 : iterationBudget(r, m),
    ...(p.now ? { now: p.now, timeLimitMs: r.safetyTimeLimitMs } : {}),
  });
  const metric: RouteMetric = {
    between: (a, b) => Math.round(vd[a * villages.length + b] / HM),
    depot: () => 0,
    maxRound,
    cap: usableSeats(buses.at(-1)!),
    cost: (route) => {
      const bus = smallestBusFor(load(route), buses);
      let m = Math.min(toDest[route[0].village], toDest[route.at(-1)!.village]);
      for (let i = 1; i < route.length; i++) m += vd[route[i - 1].village * villages.length + route[i].village];
      return bus.fixedFen + (bus.perKmFen * m) / 1000;
    },
  };
  const routes = sol.routes.map((route) =>
    visitsOf(
      route.nodes.map((i) => nodes[i - 1]),
      vIndex,
    ),
  );
  return fewerRoutes(routes, metric).map((route) => {
    // Drive from the far end: the bus finishes at the end nearer to the destination.
    const seq = toDest[route[0].village] < toDest[route.at(-1)!.village] ? [...route].reverse() : route;
    const stops = seq.map((v) => ({ ...villages[v.village], units: v.units }));
    return { vehicleType: smallestBusFor(load(route), buses), stops, passengers: load(route) };
  });
}

/** A route's nodes as visits: consecutive pieces of one village are one stop. */
function visitsOf(nodes: readonly Node[], vIndex: ReadonlyMap<VillageStop, number>): Visit[] {
  const out: Visit[] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (last && last.village === vIndex.get(n.stop)) last.units.push(...n.units);
    else out.push({ village: vIndex.get(n.stop)!, units: [...n.units] });
  }
  return out;
}
