import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distance, point } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { WORKER_COLUMNS, workerRowSchema } from '../../src/domain/batch/worker-row';
import { UTC_OFFSET_MIN } from '../support/sample';
import { DEFAULT_FIXTURES_DIR, loadPlaces, loadPlannerConfig } from '../../src/reference/load-fixtures';

/** Rough lon/lat boxes of the provinces the fixtures use: [west, south, east, north]. */
const PROVINCE_BOX: Record<string, [number, number, number, number]> = {
  '14': [110.2, 34.5, 114.6, 40.8], // Shanxi
  '52': [103.6, 24.6, 109.6, 29.3], // Guizhou
  '65': [73.4, 34.3, 96.4, 49.2], // Xinjiang
  '51': [97.3, 26.0, 108.6, 34.4], // Sichuan
  '53': [97.5, 21.1, 106.2, 29.3], // Yunnan
  '33': [118.0, 27.0, 123.2, 31.2], // Zhejiang
  '61': [105.5, 31.7, 111.3, 39.6], // Shaanxi
  '37': [114.8, 34.4, 122.8, 38.4], // Shandong
  '32': [116.3, 30.7, 121.9, 35.2], // Jiangsu
  '31': [120.85, 30.68, 122.2, 31.9], // Shanghai
  '44': [109.6, 20.2, 117.4, 25.6], // Guangdong
};

const inBox = (code: string, lon: number, lat: number) => {
  const box = PROVINCE_BOX[code];
  return !!box && lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
};

const places = loadPlaces();
const config = loadPlannerConfig();
const csvText = readFileSync(path.join(DEFAULT_FIXTURES_DIR, 'sample-batch.csv'), 'utf8');
const records = parse(csvText, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

describe('places.json', () => {
  it('loads through the schema and holds every kind of place', () => {
    expect(places.provinces.length).toBeGreaterThan(0);
    expect(places.counties.length).toBeGreaterThanOrEqual(10);
    expect(places.villages.length).toBeGreaterThanOrEqual(places.counties.length * 4);
    expect(places.factories.length).toBeGreaterThanOrEqual(8);
    expect(places.hubs.some((h) => h.kind === 'station')).toBe(true);
    expect(places.hubs.some((h) => h.kind === 'airport')).toBe(true);
  });

  it('has unique province and county codes, and county codes start with their province code', () => {
    expect(new Set(places.provinces.map((p) => p.code)).size).toBe(places.provinces.length);
    expect(new Set(places.counties.map((c) => c.code)).size).toBe(places.counties.length);
    for (const c of places.counties) expect(c.code.slice(0, 2)).toBe(c.provinceCode);
  });

  it('gives every county 4 to 8 villages', () => {
    for (const c of places.counties) {
      const n = places.villages.filter((v) => v.countyCode === c.code).length;
      expect([c.code, n >= 4 && n <= 8]).toEqual([c.code, true]);
    }
  });

  it('keeps the villages of one county within 150 km of each other', () => {
    for (const c of places.counties) {
      const vs = places.villages.filter((v) => v.countyCode === c.code);
      for (const a of vs) {
        for (const b of vs) {
          const km = distance(point([a.lon, a.lat]), point([b.lon, b.lat]), { units: 'kilometers' });
          if (km > 150) throw new Error(`${a.id} and ${b.id} are ${km.toFixed(0)} km apart`);
        }
      }
    }
  });

  it('puts every village inside the box of its province', () => {
    const province = new Map(places.counties.map((c) => [c.code, c.provinceCode]));
    const outside = places.villages.filter((v) => !inBox(province.get(v.countyCode)!, v.lon, v.lat)).map((v) => v.id);
    expect(outside).toEqual([]);
  });

  it('puts factories and hubs in a known province, inside its box', () => {
    const known = new Set(places.provinces.map((p) => p.code));
    for (const x of [...places.factories, ...places.hubs]) {
      expect([x.id, known.has(x.provinceCode)]).toEqual([x.id, true]);
      expect([x.id, inBox(x.provinceCode, x.lon, x.lat)]).toEqual([x.id, true]);
    }
  });

  it('codes airports by IATA and has unique hub codes per kind', () => {
    for (const h of places.hubs.filter((x) => x.kind === 'airport')) expect(h.code).toMatch(/^[A-Z]{3}$/);
    for (const kind of ['station', 'airport'] as const) {
      const codes = places.hubs.filter((h) => h.kind === kind).map((h) => h.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});

describe('planner-config.json', () => {
  it('loads and has buses, a special train, regular seats and a charter flight', () => {
    expect(config.utcOffsetMin).toBe(480);
    const modes = config.vehicleTypes.map((v) => `${v.mode}${v.perSeat ? '/seat' : ''}`);
    expect(modes).toEqual(expect.arrayContaining(['bus', 'train', 'train/seat', 'flight']));
    expect(new Set(config.vehicleTypes.map((v) => v.id)).size).toBe(config.vehicleTypes.length);
    for (const b of config.vehicleTypes.filter((v) => v.mode === 'bus')) expect(b.loadFactor).toBeLessThanOrEqual(0.5);
  });

  it('has rail taper bands in ascending order ending with an open band', () => {
    const bands = config.tariffs.rail.taper;
    expect(bands[bands.length - 1].upToKm).toBeNull();
    const bounded = bands.slice(0, -1).map((b) => b.upToKm!);
    expect(bounded).toEqual([...bounded].sort((a, b) => a - b));
  });
});

describe('sample-batch.csv', () => {
  const counties = new Set(places.counties.map((c) => c.code));
  const factories = new Set(places.factories.map((f) => f.id));

  it('has the export header, no BOM, and a few hundred rows', () => {
    expect(csvText.charCodeAt(0)).not.toBe(0xfeff);
    expect(csvText.split(/\r?\n/)[0]).toBe(WORKER_COLUMNS.join(','));
    expect(records.length).toBeGreaterThanOrEqual(300);
    expect(records.length).toBeLessThanOrEqual(450);
  });

  it('parses every row with the worker row schema', () => {
    const bad = records
      .map((r, i) => ({ i, res: workerRowSchema(UTC_OFFSET_MIN).safeParse(r) }))
      .filter((x) => !x.res.success)
      .map((x) => `row ${x.i + 2}: ${x.res.error!.issues.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
    expect(bad).toEqual([]);
  });

  it('has unique ID numbers and phone numbers, each ID from the row county', () => {
    const ids = records.map((r) => r.idNumber.toUpperCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(records.map((r) => r.phone)).size).toBe(records.length);
    for (const r of records) expect(r.idNumber.slice(0, 6)).toBe(r.countyCode);
  });

  it('names known counties, factories and villages of the row county, with coordinates near the village', () => {
    for (const r of records) {
      expect([r.idNumber, counties.has(r.countyCode)]).toEqual([r.idNumber, true]);
      expect([r.idNumber, factories.has(r.factoryId)]).toEqual([r.idNumber, true]);
      const village = places.villages.find((v) => v.countyCode === r.countyCode && v.name === r.village);
      expect([r.idNumber, r.village, !!village]).toEqual([r.idNumber, r.village, true]);
      expect(Math.abs(Number(r.lon) - village!.lon)).toBeLessThan(0.01);
      expect(Math.abs(Number(r.lat) - village!.lat)).toBeLessThan(0.01);
    }
  });

  it('keeps each family in one village, bound for one factory on one departure', () => {
    const families = new Map<string, Record<string, string>[]>();
    for (const r of records) if (r.familyId) families.set(r.familyId, [...(families.get(r.familyId) ?? []), r]);
    expect(families.size).toBeGreaterThan(0);
    for (const [id, members] of families) {
      expect([id, members.length >= 2 && members.length <= 3]).toEqual([id, true]);
      for (const key of ['countyCode', 'village', 'factoryId', 'earliestDeparture']) {
        expect([id, key, new Set(members.map((m) => m[key])).size]).toEqual([id, key, 1]);
      }
    }
  });

  it('is mostly green, with some yellow and red health codes', () => {
    const count = (c: string) => records.filter((r) => r.healthCode === c).length;
    expect(count('green') / records.length).toBeGreaterThan(0.8);
    expect(count('yellow')).toBeGreaterThan(0);
    expect(count('red')).toBeGreaterThan(0);
  });
});
