import type { Principal } from './api-keys';

/**
 * The authorisation policy in one place: what a key may see, as data that repositories turn into SQL
 * (see db/in-list) and use cases check rows against. `null` means everything (admin); an empty list,
 * nothing.
 */
export type Scope = readonly string[] | null;

/** Counties a key acts for: dispatchers and finance their own, admin all, enterprises none. */
export function countyScope(p: Principal): Scope {
  if (p.role === 'admin') return null;
  return p.role === 'dispatcher' || p.role === 'finance' ? p.scopes : [];
}

/** Factories a key acts for: enterprises their own, admin all, others none. */
export function factoryScope(p: Principal): Scope {
  if (p.role === 'admin') return null;
  return p.role === 'enterprise' ? p.scopes : [];
}

export const allows = (scope: Scope, value: string): boolean => scope === null || scope.includes(value);

/** A batch is visible when every county it spans is in the key's scope. */
export const canSeeBatch = (p: Principal, countyCodes: readonly string[]): boolean =>
  p.role !== 'enterprise' && countyCodes.every((c) => allows(countyScope(p), c));

/** A trip is visible to its factory's enterprise and its county's dispatchers and finance. */
export const canSeeTrip = (p: Principal, trip: { factoryId: string; countyCode: string }): boolean =>
  p.role === 'enterprise' ? allows(factoryScope(p), trip.factoryId) : allows(countyScope(p), trip.countyCode);
