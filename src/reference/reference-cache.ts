import type { Database } from '../db/database';
import { readPlaces } from '../db/reference-repo';
import type { Places } from '../domain/reference/places';

/** The gazetteer read from PostgreSQL, kept for `ttlMs` so each request or job does not re-read it. */
export function referenceCache(db: Database, ttlMs = 30_000) {
  let cached: { at: number; places: Promise<Places> } | null = null;
  const places = (): Promise<Places> => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const p = readPlaces(db);
      cached = { at: Date.now(), places: p };
      p.catch(() => (cached = null));
    }
    return cached.places;
  };
  return {
    places,
    knownFactories: async () => new Set((await places()).factories.map((f) => f.id)),
    knownCounties: async () => new Set((await places()).counties.map((c) => c.code)),
    invalidate: () => void (cached = null),
  };
}
