import type { LocalClock } from './clock';
import type { Factory } from '../reference/places';
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
 * A pool: travel units from one origin area to one destination area, ready within one departure window. Pools never
 * share a vehicle, so each is planned on its own (in this process or a child job); inside a pool buses gather several
 * counties, and flights, trains and last-mile buses carry people for several factories.
 */
export interface TravelGroup {
  key: string;
  /** The origin prefecture: the first four digits of the county codes. */
  originArea: string;
  /** The destination prefecture of the factories (or their province and city when a factory names no county). */
  destArea: string;
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

/**
 * Pools units by origin area × destination area × departure window: days are taken in order, each window opening on
 * the first day not yet pooled and holding every day up to `windowDays` after it. Stable order. A unit whose factory is
 * unknown pools under the factory id (and is held when planned).
 */
export function groupUnits(
  units: readonly TravelUnit[],
  clock: LocalClock,
  factories: ReadonlyMap<string, Factory>,
  windowDays: number,
): TravelGroup[] {
  const byRoute = new Map<string, { originArea: string; destArea: string; units: TravelUnit[] }>();
  for (const u of units) {
    const { countyCode, factoryId } = u.members[0];
    const f = factories.get(factoryId);
    const originArea = originAreaOf(countyCode);
    const destArea = f ? destAreaOf(f) : `?${factoryId}`;
    const key = `${originArea}|${destArea}`;
    const r = byRoute.get(key) ?? { originArea, destArea, units: [] };
    r.units.push(u);
    byRoute.set(key, r);
  }
  const groups: TravelGroup[] = [];
  for (const r of byRoute.values()) {
    const dayOf = r.units.map((u) => clock.day(new Date(u.readyAt)));
    const days = [...new Set(dayOf)].sort();
    const windowOf = new Map<string, string>();
    let open: string | null = null;
    for (const d of days) {
      if (open === null || daysBetween(open, d) > windowDays) open = d;
      windowOf.set(d, open);
    }
    const pools = new Map<string, TravelGroup>();
    r.units.forEach((u, i) => {
      const day = windowOf.get(dayOf[i])!;
      const key = `${r.originArea}|${r.destArea}|${day}`;
      let g = pools.get(key);
      if (!g) pools.set(key, (g = { key, originArea: r.originArea, destArea: r.destArea, day, units: [], size: 0 }));
      g.units.push(u);
      g.size += u.members.length;
    });
    groups.push(...pools.values());
  }
  const list = groups.sort(byKey);
  for (const g of list) g.units.sort(byKey);
  return list;
}

const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
