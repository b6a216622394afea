import type { LocalClock } from './clock';
import type { PlanWorker } from './plan-input';

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

export interface TravelGroup {
  key: string;
  countyCode: string;
  factoryId: string;
  day: string;
  units: TravelUnit[];
  size: number;
}

const byString =
  <T>(f: (x: T) => string) =>
  (a: T, b: T) =>
    f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0;

export function toUnits(workers: readonly PlanWorker[]): TravelUnit[] {
  const units = new Map<string, PlanWorker[]>();
  for (const w of workers) {
    const key = w.familyId ? `family:${w.familyId}` : `worker:${w.id}`;
    units.set(key, [...(units.get(key) ?? []), w]);
  }
  return [...units.entries()].map(([key, members]) => {
    const sorted = [...members].sort(byString((m) => m.id));
    const first = sorted[0];
    const readyAt = sorted
      .map((m) => m.earliestDeparture)
      .sort()
      .at(-1)!;
    return { key, members: sorted, readyAt, lon: first.lon, lat: first.lat, village: first.village };
  });
}

/** Groups units by origin county, destination factory and local departure day, in a stable order. */
export function groupUnits(units: readonly TravelUnit[], clock: LocalClock): TravelGroup[] {
  const groups = new Map<string, TravelGroup>();
  for (const u of units) {
    const { countyCode, factoryId } = u.members[0];
    const day = clock.day(new Date(u.readyAt));
    const key = `${countyCode}|${factoryId}|${day}`;
    const g = groups.get(key) ?? { key, countyCode, factoryId, day, units: [], size: 0 };
    g.units.push(u);
    g.size += u.members.length;
    groups.set(key, g);
  }
  const list = [...groups.values()].sort(byString((g) => g.key));
  for (const g of list) g.units.sort(byString((u) => u.key));
  return list;
}
