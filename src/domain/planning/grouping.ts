import type { LocalClock } from './clock';
import type { Factory, Hub } from '../reference/places';
import { nearestOf } from './hubs';
import { centroid, type LonLat } from '../geo/distance';
import type { PlanWorker } from './plan-input';
import { cmp } from '../order';

/** Workers who must share a vehicle: a family, or one person alone. */
export interface TravelUnit {
  key: string;
  members: PlanWorker[];
  /** The unit is ready when its last member is. */
  readyAt: string;
  lon: number;
  lat: number;
  village: string;
}

/**
 * A pool: travel units from one origin area (or several sharing their hubs), ready within one departure window, for
 * every destination. Pools never share a vehicle, so each is planned on its own (in this process or a child job);
 * inside a pool buses gather several counties, first-mile buses carry people for several trunks, and flights, trains
 * and last-mile buses carry people for several factories.
 */
export interface TravelGroup {
  key: string;
  /** The origin prefectures (first four digits of the county codes): one, or several sharing their hubs. */
  originAreas: string[];
  /** The destination prefectures of the route's factories (or province and city when a factory names no county). */
  destAreas: string[];
  /** The first local day of the departure window. */
  day: string;
  units: TravelUnit[];
  size: number;
}

/** The area pooling works over: the prefecture (first four digits of the GB/T 2260 code). */
export const originAreaOf = (countyCode: string): string => countyCode.slice(0, 4);
export const destAreaOf = (f: Pick<Factory, 'countyCode' | 'provinceCode' | 'city' | 'id'>): string =>
  f.countyCode ? f.countyCode.slice(0, 4) : `${f.provinceCode}-${f.city}`;

const byKey = (a: { key: string }, b: { key: string }) => cmp(a.key, b.key);
const byId = (a: { id: string }, b: { id: string }) => cmp(a.id, b.id);

/** A row number that sorts as a string (unit keys order the travellers). */
const rowKey = (row: number) => String(row).padStart(10, '0');

/** Travel units in order of their first member, each unit's members by id. (A million workers: no copies.) */
export function toUnits(workers: readonly PlanWorker[]): TravelUnit[] {
  const units = new Map<string, PlanWorker[]>();
  for (const w of workers) {
    const key = w.familyId ? `family:${w.familyId}` : `worker:${w.row === undefined ? w.id : rowKey(w.row)}`;
    const members = units.get(key);
    if (members) members.push(w);
    else units.set(key, [w]);
  }
  const out: TravelUnit[] = [];
  for (const [key, members] of units) {
    if (members.length > 1) members.sort(byId);
    let readyAt = members[0].earliestDeparture;
    for (const m of members) if (m.earliestDeparture > readyAt) readyAt = m.earliestDeparture;
    const first = members[0];
    out.push({ key, members, readyAt, lon: first.lon, lat: first.lat, village: first.village });
  }
  return out;
}

/** Where pooling looks for the hubs travellers would leave from and arrive at (no distances asked for). */
export interface PoolingHubs {
  hubs: readonly Hub[];
  /** Road metres, an estimate: the same for a whole batch and for any share of it. */
  metres(a: LonLat, b: LonLat): number;
  maxM: number;
}

interface Route {
  originAreas: string[];
  units: TravelUnit[];
}

/** The nearest station and airport of a point, or null when either is out of reach. */
function hubPair(at: LonLat, p: PoolingHubs): string | null {
  const station = nearestOf(p.hubs, at, 'station', p.metres, p.maxM);
  const airport = nearestOf(p.hubs, at, 'airport', p.metres, p.maxM);
  return station && airport ? `${station.id}+${airport.id}` : null;
}

/**
 * Origin areas whose travellers would leave from the same station and the same airport are one: counties of
 * neighbouring prefectures ride one first-mile bus to the hub and one charter. An area's hubs come from its own
 * travellers (all of them, for every destination), so a child job loading whole areas pools them alike.
 */
function mergeByHubs(routes: Route[], p: PoolingHubs | undefined): Route[] {
  if (!p) return routes;
  const merged = new Map<string, Route>();
  for (const r of routes) {
    const key = hubPair(centroid(r.units), p) ?? r.originAreas[0];
    const m = merged.get(key);
    if (!m) merged.set(key, { originAreas: [...r.originAreas], units: [...r.units] });
    else {
      m.originAreas.push(...r.originAreas);
      m.units.push(...r.units);
    }
  }
  for (const m of merged.values()) m.originAreas.sort();
  return [...merged.values()];
}

const destAreaOfUnit = (u: TravelUnit, factories: ReadonlyMap<string, Factory>): string => {
  const f = factories.get(u.members[0].factoryId);
  return f ? destAreaOf(f) : `?${u.members[0].factoryId}`;
};

/**
 * Pools units by origin area × departure window, for every destination: the pool is planned as one (its sub-pools,
 * `subPools`, choose their trunks apart; first-mile buses to one hub carry travellers of several sub-pools). Origin
 * areas sharing their hubs pool as one. Days are taken in order, each window opening on the first day not yet pooled
 * and holding every day up to `windowDays` after it. Stable order. A unit whose factory is unknown pools under the
 * factory id (and is held when planned).
 */
export function groupUnits(
  units: readonly TravelUnit[],
  clock: LocalClock,
  factories: ReadonlyMap<string, Factory>,
  windowDays: number,
  pooling?: PoolingHubs,
): TravelGroup[] {
  const byOrigin = new Map<string, Route>();
  for (const u of units) {
    const originArea = originAreaOf(u.members[0].countyCode);
    const r = byOrigin.get(originArea) ?? { originAreas: [originArea], units: [] };
    r.units.push(u);
    byOrigin.set(originArea, r);
  }
  const groups: TravelGroup[] = [];
  for (const r of mergeByHubs([...byOrigin.values()], pooling)) {
    const dayOf = r.units.map((u) => clock.day(new Date(u.readyAt)));
    const days = [...new Set(dayOf)].sort();
    const windowOf = new Map<string, string>();
    let open: string | null = null;
    for (const d of days) {
      if (open === null || daysBetween(open, d) > windowDays) open = d;
      windowOf.set(d, open);
    }
    // The key names every destination area of the route, so that a child job loads (and windows) all of it.
    const destAreas = [...new Set(r.units.map((u) => destAreaOfUnit(u, factories)))].sort();
    const route = `${r.originAreas.join('+')}|${destAreas.join('+')}`;
    const pools = new Map<string, TravelGroup>();
    r.units.forEach((u, i) => {
      const day = windowOf.get(dayOf[i])!;
      const key = `${route}|${day}`;
      let g = pools.get(key);
      if (!g) pools.set(key, (g = { key, originAreas: r.originAreas, destAreas, day, units: [], size: 0 }));
      g.units.push(u);
      g.size += u.members.length;
    });
    groups.push(...pools.values());
  }
  const list = groups.sort(byKey);
  for (const g of list) g.units.sort(byKey);
  return list;
}

/** Each destination area's hubs, from where its factories are. */
export function destPairs(factories: ReadonlyMap<string, Factory>, p: PoolingHubs): Map<string, string | null> {
  const byArea = new Map<string, Factory[]>();
  for (const f of factories.values()) {
    const list = byArea.get(destAreaOf(f));
    if (list) list.push(f);
    else byArea.set(destAreaOf(f), [f]);
  }
  return new Map([...byArea].map(([area, fs]) => [area, hubPair(centroid(fs), p)]));
}

/**
 * A pool's sub-pools, each choosing its own trunk: its units by destination area, areas whose factories share their
 * nearest station and airport as one (one flight, last-mile buses dropping in both). In key order.
 */
export function subPools(
  units: readonly TravelUnit[],
  factories: ReadonlyMap<string, Factory>,
  pairs: ReadonlyMap<string, string | null>,
): TravelUnit[][] {
  const subs = new Map<string, TravelUnit[]>();
  for (const u of units) {
    const area = destAreaOfUnit(u, factories);
    const key = pairs.get(area) ?? area;
    const sub = subs.get(key);
    if (sub) sub.push(u);
    else subs.set(key, [u]);
  }
  return [...subs].sort(([a], [b]) => cmp(a, b)).map(([, us]) => us);
}

const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
