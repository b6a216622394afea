import { getJson } from './api';
import type { Places } from './types';

/** The reference places (counties, villages, hubs, factories), fetched once per page load. */
let cached: Promise<Places> | null = null;

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
    county: (c) => counties.get(c),
    factory: (f) => factories.get(f),
    hub: (id) => hubs.get(id),
    province: (c) => provinces.get(c),
  };
}
