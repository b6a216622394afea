import type { Places } from '../../src/domain/reference/places';
import { Rng } from '../../src/domain/routing/prng';
import type { PlanWorker } from '../../src/domain/planning/plan-input';

/** Where migrant workers come from and go to: province code, name and a lon/lat box (benchmarks only). */
const ORIGINS: [string, string, number, number, number, number][] = [
  ['14', 'Shanxi', 110.5, 114, 35, 40],
  ['34', 'Anhui', 115, 119, 30, 34],
  ['36', 'Jiangxi', 114, 117.5, 25, 29.5],
  ['41', 'Henan', 111, 116, 32, 36],
  ['42', 'Hubei', 109, 116, 29.5, 32.5],
  ['43', 'Hunan', 109.5, 114, 25.5, 29.5],
  ['45', 'Guangxi', 105.5, 111.5, 22.5, 26],
  ['50', 'Chongqing', 105.5, 109.5, 28.5, 31.5],
  ['51', 'Sichuan', 102, 107, 27.5, 32.5],
  ['52', 'Guizhou', 104, 109, 25, 28.5],
  ['53', 'Yunnan', 99, 104.5, 22.5, 27],
  ['62', 'Gansu', 100, 106, 34, 38],
];
const DESTINATIONS: [string, string, number, number, number, number][] = [
  ['44', 'Guangdong', 112.5, 115, 22.3, 23.8],
  ['33', 'Zhejiang', 119.5, 121.5, 28, 30.5],
  ['32', 'Jiangsu', 119, 121, 31, 33],
  ['35', 'Fujian', 117.5, 119.5, 24.5, 26.5],
  ['37', 'Shandong', 116.5, 120.5, 35.5, 37.5],
  ['12', 'Tianjin', 117, 117.6, 38.8, 39.4],
];

export interface SyntheticBatch {
  places: Places;
  workers: PlanWorker[];
}

const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * A seeded national-scale batch for benchmarks: many counties in inland provinces, villages around each
 * county seat, factories on the coast, a station per county seat and factory city, airports per province.
 * Every county sends its workers to a handful of factories over two departure days; about a third travel
 * as families of 2–4. Everyone is green with a recent nucleic-acid test.
 */
export function syntheticBatch(workers: number, seed = 1): SyntheticBatch {
  const rng = new Rng(seed);
  const between = (a: number, b: number) => a + rng.next() * (b - a);
  const counties = Math.max(8, Math.round(workers / 2500));
  const factories = Math.max(4, Math.round(counties / 2));
  const villagesPerCounty = 30;
  const places: Places = {
    provinces: [...ORIGINS, ...DESTINATIONS].map(([code, nameEn]) => ({ code, name: nameEn, nameEn })),
    counties: [],
    villages: [],
    factories: [],
    hubs: [],
  };
  const seats: { code: string; lon: number; lat: number }[] = [];
  for (let c = 0; c < counties; c++) {
    const [prov, , x0, x1, y0, y1] = ORIGINS[c % ORIGINS.length];
    const code = `${prov}${String(1001 + Math.floor(c / ORIGINS.length)).slice(-4)}`;
    const lon = between(x0, x1),
      lat = between(y0, y1);
    seats.push({ code, lon, lat });
    places.counties.push({
      code,
      name: `县${code}`,
      nameEn: `County ${code}`,
      provinceCode: prov,
      city: `City ${code.slice(0, 4)}`,
    });
    places.hubs.push({
      id: `st-${code}`,
      kind: 'station',
      code: `S${code}`,
      name: `站${code}`,
      nameEn: `Station ${code}`,
      provinceCode: prov,
      city: `City ${code}`,
      lon: r5(lon + 0.05),
      lat: r5(lat + 0.05),
    });
    for (let v = 0; v < villagesPerCounty; v++) {
      places.villages.push({
        id: `v-${code}-${v}`,
        countyCode: code,
        name: `村${code}-${v}`,
        nameEn: `Village ${code}-${v}`,
        lon: r5(lon + between(-0.3, 0.3)),
        lat: r5(lat + between(-0.25, 0.25)),
      });
    }
  }
  ORIGINS.forEach(([prov, , x0, x1, y0, y1]) =>
    places.hubs.push({
      id: `ap-${prov}`,
      kind: 'airport',
      code: `A${prov}`,
      name: `机场${prov}`,
      nameEn: `Airport ${prov}`,
      provinceCode: prov,
      city: `Capital ${prov}`,
      lon: r5((x0 + x1) / 2),
      lat: r5((y0 + y1) / 2),
    }),
  );
  for (let f = 0; f < factories; f++) {
    const [prov, , x0, x1, y0, y1] = DESTINATIONS[f % DESTINATIONS.length];
    const lon = r5(between(x0, x1)),
      lat = r5(between(y0, y1));
    places.factories.push({
      id: `f-${f}`,
      name: `工厂${f}`,
      nameEn: `Factory ${f}`,
      provinceCode: prov,
      city: `City F${f}`,
      lon,
      lat,
    });
    places.hubs.push({
      id: `st-f${f}`,
      kind: 'station',
      code: `SF${f}`,
      name: `站F${f}`,
      nameEn: `Station F${f}`,
      provinceCode: prov,
      city: `City F${f}`,
      lon: r5(lon + 0.1),
      lat: r5(lat - 0.1),
    });
  }
  DESTINATIONS.forEach(([prov, , x0, x1, y0, y1]) =>
    places.hubs.push({
      id: `ap-${prov}`,
      kind: 'airport',
      code: `A${prov}`,
      name: `机场${prov}`,
      nameEn: `Airport ${prov}`,
      provinceCode: prov,
      city: `Capital ${prov}`,
      lon: r5((x0 + x1) / 2),
      lat: r5((y0 + y1) / 2),
    }),
  );

  const out: PlanWorker[] = [];
  const perCounty = Math.floor(workers / counties);
  for (let c = 0; c < counties; c++) {
    const county = places.counties[c];
    const targets = Array.from({ length: 6 }, () => places.factories[rng.int(factories)].id);
    const quota = c === counties - 1 ? workers - perCounty * (counties - 1) : perCounty;
    let made = 0;
    while (made < quota) {
      const village = places.villages[c * villagesPerCounty + rng.int(villagesPerCounty)];
      const factoryId = targets[Math.min(5, Math.floor(rng.next() ** 1.5 * 6))];
      const day = rng.next() < 0.6 ? '2020-02-20' : '2020-02-21';
      const family = rng.next() < 0.15 ? Math.min(quota - made, 2 + rng.int(3)) : 1;
      const familyId = family > 1 ? `fam-${out.length}` : null;
      for (let k = 0; k < family; k++) {
        out.push({
          id: `w${String(out.length).padStart(8, '0')}`,
          countyCode: county.code,
          village: village.name,
          lon: village.lon,
          lat: village.lat,
          factoryId,
          healthCode: 'green',
          healthCodeProvince: null,
          nucleicTestAt: `${day === '2020-02-20' ? '2020-02-18' : '2020-02-19'}T09:00:00+08:00`,
          earliestDeparture: `${day}T06:00:00+08:00`,
          familyId,
        });
      }
      made += family;
    }
  }
  return { places, workers: out };
}
