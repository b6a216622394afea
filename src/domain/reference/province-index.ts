import type { Places } from './places';

/** Province look-ups of one gazetteer snapshot: the one place a county's or factory's province is found. */
export interface ProvinceIndex {
  /**
   * The province of a county. A county missing from the gazetteer still names its province: the first two
   * digits of a GB/T 2260 code are the province's code.
   */
  ofCounty(countyCode: string): string;
  /** The province of a factory, or undefined for a factory the gazetteer does not know. */
  ofFactory(factoryId: string): string | undefined;
}

const indexes = new WeakMap<Places, ProvinceIndex>();

/** The index of `places`, built once per snapshot (the reference cache hands out the same object until it reloads). */
export function provinceIndex(places: Places): ProvinceIndex {
  let index = indexes.get(places);
  if (!index) {
    const countyProvince = new Map(places.counties.map((c) => [c.code, c.provinceCode]));
    const factoryProvince = new Map(places.factories.map((f) => [f.id, f.provinceCode]));
    index = {
      ofCounty: (code) => countyProvince.get(code) ?? code.slice(0, 2),
      ofFactory: (id) => factoryProvince.get(id),
    };
    indexes.set(places, index);
  }
  return index;
}
