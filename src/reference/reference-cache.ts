import { performance } from 'node:perf_hooks';
import type { Database } from '../db/database';
import { readCountyAliases, readPlaces } from '../db/reference-repo';
import type { Places } from '../domain/reference/places';

/** The gazetteer read from PostgreSQL, kept for `ttlMs` so each request or job does not re-read it. */
export function referenceCache(db: Database, ttlMs = 30_000) {
  let cached: { at: number; places: Promise<Places>; aliases: Promise<Map<string, string>> } | null = null;
  const current = () => {
    // Ages on the monotonic clock: a cache's lifetime is a duration, not a date a rule depends on.
    if (!cached || performance.now() - cached.at > ttlMs) {
      const entry = { at: performance.now(), places: readPlaces(db), aliases: readCountyAliases(db) };
      cached = entry;
      Promise.all([entry.places, entry.aliases]).catch(() => cached === entry && (cached = null));
    }
    return cached;
  };
  const places = (): Promise<Places> => current().places;
  return {
    places,
    knownFactories: async () => new Set((await places()).factories.map((f) => f.id)),
    knownCounties: async () => new Set((await places()).counties.map((c) => c.code)),
    /** Older county codes and the codes they are today. */
    countyAliases: (): Promise<Map<string, string>> => current().aliases,
    invalidate: () => void (cached = null),
  };
}
