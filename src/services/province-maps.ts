import type { Places } from '../domain/reference/places';

const mapsOf = new WeakMap<Places, { provinceOfCounty: Map<string, string>; factoryProvince: Map<string, string> }>();

/** Province look-ups, built once per gazetteer snapshot rather than per request. */
export function provinceMaps(places: Places) {
  let m = mapsOf.get(places);
  if (!m) {
    m = {
      provinceOfCounty: new Map(places.counties.map((c) => [c.code, c.provinceCode])),
      factoryProvince: new Map(places.factories.map((f) => [f.id, f.provinceCode])),
    };
    mapsOf.set(places, m);
  }
  return m;
}
