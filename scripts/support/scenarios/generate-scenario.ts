import type { NationalGazetteer } from '../../../src/domain/reference/national';
import type { County, Factory, Hub, Places, Village } from '../../../src/domain/reference/places';
import type { PlanWorker } from '../../../src/domain/planning/plan-input';
import { Rng } from '../../../src/domain/routing/prng';
import { nationalPlaces } from '../../../src/reference/national-gazetteer';
import type { Scenario } from './scenario-spec';

export interface ScenarioBatch {
  places: Places;
  workers: PlanWorker[];
}

const KM_PER_DEG_LAT = 111.32;
/** Family sizes 1–4 and their shares (most travel alone, as in the reported per-bus averages). */
const FAMILY_SIZES: [number, number][] = [
  [1, 0.6],
  [2, 0.2],
  [3, 0.12],
  [4, 0.08],
];
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Looks each code up in the gazetteer; an unknown code is a bug in the catalogue, named here. */
function countyOf(byCode: Map<string, County>, code: string, scenario: string): County & { lon: number; lat: number } {
  const c = byCode.get(code);
  if (!c || c.lon === undefined || c.lat === undefined)
    throw new Error(`scenario ${scenario}: county ${code} is not in fixtures/reference/counties.json`);
  return c as County & { lon: number; lat: number };
}

/** A point uniformly in a disc of `radiusKm` around the seat. */
function scatter(rng: Rng, seat: { lon: number; lat: number }, radiusKm: number): { lon: number; lat: number } {
  const r = radiusKm * Math.sqrt(rng.next());
  const a = 2 * Math.PI * rng.next();
  const dLat = (r * Math.cos(a)) / KM_PER_DEG_LAT;
  const dLon = (r * Math.sin(a)) / (KM_PER_DEG_LAT * Math.cos((seat.lat * Math.PI) / 180));
  return { lon: r5(seat.lon + dLon), lat: r5(seat.lat + dLat) };
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng.next() * total;
  for (const t of items) if ((x -= weight(t)) < 0) return t;
  return items[items.length - 1];
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function villagesFor(s: Scenario, rng: Rng, county: County & { lon: number; lat: number }, quota: number): Village[] {
  const n = Math.min(60, Math.max(12, Math.round(quota / 40)));
  return Array.from({ length: n }, (_, i) => ({
    id: `v-${county.code}-${i}`,
    countyCode: county.code,
    name: `${county.name}${s.id}村${i}`,
    nameEn: `${county.nameEn} village ${i}`,
    ...scatter(rng, county, s.radiusKm),
  }));
}

function factoriesFor(s: Scenario, byCode: Map<string, County>): Factory[] {
  return s.destinations.map((d) => {
    const c = countyOf(byCode, d.county, s.id);
    return {
      id: d.factory,
      name: `${c.city}${c.name}工厂`,
      nameEn: `Factory in ${c.nameEn}`,
      provinceCode: c.provinceCode,
      city: c.city,
      countyCode: c.code,
      lon: c.lon,
      lat: c.lat,
    };
  });
}

/** Workers of one county: families from one village, one factory and one earliest day each. */
function countyWorkers(s: Scenario, rng: Rng, villages: Village[], quota: number, out: PlanWorker[]): void {
  let made = 0;
  while (made < quota) {
    const v = villages[Math.floor(rng.next() ** 1.3 * villages.length)];
    const dest = pickWeighted(rng, s.destinations, (d) => d.weight ?? 1);
    const day = addDays(s.firstDay, rng.int(s.days));
    const size = Math.min(quota - made, pickWeighted(rng, FAMILY_SIZES, ([, p]) => p)[0]);
    const familyId = size > 1 ? `${s.id}-fam-${out.length}` : null;
    for (let k = 0; k < size; k++)
      out.push({
        id: `${s.id}-w${String(out.length).padStart(6, '0')}`,
        countyCode: v.countyCode,
        village: v.name,
        lon: v.lon,
        lat: v.lat,
        factoryId: dest.factory,
        healthCode: 'green',
        healthCodeProvince: null,
        nucleicTestAt: `${addDays(day, -2)}T09:00:00+08:00`,
        earliestDeparture: `${day}T06:00:00+08:00`,
        familyId,
      });
    made += size;
  }
}

/**
 * The scenario's places (the national gazetteer as the runtime loads it, curated hubs first, plus generated
 * villages and factories) and its workers. Deterministic: the same scenario gives the same batch.
 */
export function generateScenario(s: Scenario, g: NationalGazetteer, curatedHubs: readonly Hub[] = []): ScenarioBatch {
  const national = nationalPlaces(g, curatedHubs).places;
  const byCode = new Map(national.counties.map((c) => [c.code, c]));
  const rng = new Rng(s.seed);
  const villages: Village[] = [];
  const workers: PlanWorker[] = [];
  const per = Math.floor(s.workers / s.origins.length);
  s.origins.forEach((code, i) => {
    const county = countyOf(byCode, code, s.id);
    const quota = i === s.origins.length - 1 ? s.workers - per * (s.origins.length - 1) : per;
    const vs = villagesFor(s, rng, county, quota);
    villages.push(...vs);
    countyWorkers(s, rng, vs, quota, workers);
  });
  const places: Places = {
    provinces: national.provinces,
    counties: national.counties,
    villages,
    factories: factoriesFor(s, byCode),
    hubs: [...curatedHubs, ...national.hubs],
  };
  return { places, workers };
}
