import { getJson } from './api';
import type { Places } from './types';

/** The reference places (counties, villages, hubs, factories), fetched once per page load. */
let cached: Promise<Places> | null = null;

type County = Places['counties'][number];
/**
 * Counties looked up in the national gazetteer (`/reference/counties`) beyond what /reference/places carried, so a
 * county's name shows wherever its code does, whichever gazetteer the server holds. One request per province.
 */
const lookedUp = new Map<string, County>();
const provinceLookups = new Map<string, Promise<void>>();
const PROVINCE_PAGE = 500; // the largest province has fewer than 200 county-level divisions

/** Remembers counties the page already has (a search's results), so their names resolve without another request. */
export const rememberCounties = (counties: readonly County[]): void => counties.forEach((c) => lookedUp.set(c.code, c));

/** Fetches the counties of each province named by `codes` that the index does not know yet (once per province). */
export async function resolveCounties(codes: Iterable<string>, known?: PlaceIndex): Promise<void> {
  const provinces = new Set<string>();
  for (const code of codes)
    if (/^\d{6}$/.test(code) && !known?.county(code) && !lookedUp.has(code)) provinces.add(code.slice(0, 2));
  await Promise.all([...provinces].map(lookUpProvince));
}

function lookUpProvince(p: string): Promise<void> {
  let lookup = provinceLookups.get(p);
  if (!lookup) {
    lookup = getJson<{ items: County[] }>(`/reference/counties?province=${p}&limit=${PROVINCE_PAGE}`).then(
      (r) => rememberCounties(r.items),
      () => void provinceLookups.delete(p), // a failed lookup leaves the code showing, and is tried again later
    );
    provinceLookups.set(p, lookup);
  }
  return lookup;
}

/** Every county of a province (two-digit code), from the national gazetteer; fetched once per page load. */
export async function provinceCounties(p: string): Promise<County[]> {
  await lookUpProvince(p);
  return [...lookedUp.values()].filter((c) => c.provinceCode === p);
}

/** Drops the page's copy of the places (after a factory was registered or changed), so the next view re-reads them. */
export const forgetPlaces = (): void => void (cached = null);

export function places(): Promise<Places> {
  cached ??= getJson<Places>('/reference/places').catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}

export interface PlaceIndex {
  county(code: string): Places['counties'][number] | undefined;
  factory(id: string): Places['factories'][number] | undefined;
  hub(id: string): Places['hubs'][number] | undefined;
  province(code: string): Places['provinces'][number] | undefined;
}

export function indexPlaces(p: Places): PlaceIndex {
  const by = <T, K>(xs: T[], key: (x: T) => K) => new Map(xs.map((x) => [key(x), x]));
  const counties = by(p.counties, (c) => c.code),
    factories = by(p.factories, (f) => f.id),
    hubs = by(p.hubs, (h) => h.id),
    provinces = by(p.provinces, (x) => x.code);
  return {
    county: (c) => counties.get(c) ?? lookedUp.get(c),
    factory: (f) => factories.get(f),
    hub: (id) => hubs.get(id),
    province: (c) => provinces.get(c),
  };
}
