import { readFileSync } from 'node:fs';
import path from 'node:path';
import { placesSchemaText } from '../../../scripts/support/places-schema-text';
import { PlacesFileSchema, placesProblems } from '../../../src/domain/reference/places';

const station = {
  id: 'xichang-west',
  kind: 'station',
  code: 'XCW',
  name: '西昌西站',
  nameEn: 'Xichang West',
  provinceCode: '51',
  city: '凉山彝族自治州',
  lon: 102.21,
  lat: 27.88,
};
const known = { provinces: new Set(['51']), counties: new Set(['513401']) };

describe('a places file', () => {
  it('when it holds only stations, then it is valid and its province may be one already loaded', () => {
    const file = PlacesFileSchema.parse({ hubs: [station] });
    expect(placesProblems(file, known)).toEqual([]);
  });

  it('when it names a province or county nobody loaded, then each is a problem with its path', () => {
    const file = PlacesFileSchema.parse({
      hubs: [{ ...station, provinceCode: '99' }],
      villages: [{ id: 'v1', countyCode: '999999', name: '某村', nameEn: 'Mou', lon: 102, lat: 27 }],
    });
    expect(placesProblems(file, known)).toEqual([
      { path: ['villages', 0, 'countyCode'], message: 'unknown county 999999' },
      { path: ['hubs', 0, 'provinceCode'], message: 'unknown province 99' },
    ]);
  });

  it('when it is empty or has an unknown section, then it is refused', () => {
    expect(PlacesFileSchema.safeParse({}).success).toBe(false);
    expect(PlacesFileSchema.safeParse({ stations: [station] }).success).toBe(false);
  });

  it('when the published JSON Schema is read, then it is the one the loader checks with', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../docs/places.schema.json'), 'utf8');
    expect(committed).toBe(placesSchemaText()); // npm run reference:schema rewrites it
  });
});
