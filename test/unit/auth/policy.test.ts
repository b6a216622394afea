import type { Principal } from '../../../src/auth/api-keys';
import { allows, canSeeBatch, canSeeTrip, countyScope, factoryScope } from '../../../src/auth/policy';

const key = (role: Principal['role'], scopes: string[] = []): Principal => ({ keyId: 'k', role, scopes });

describe('authorisation policy', () => {
  it('when the key is an admin, then every county and factory is in scope', () => {
    expect(countyScope(key('admin'))).toBeNull();
    expect(factoryScope(key('admin'))).toBeNull();
    expect(allows(null, 'anything')).toBe(true);
    expect(canSeeBatch(key('admin'), ['140222', '141031'])).toBe(true);
  });

  it('when a dispatcher names counties, then a batch is visible only if all of its counties are', () => {
    const d = key('dispatcher', ['140222']);
    expect(canSeeBatch(d, ['140222'])).toBe(true);
    expect(canSeeBatch(d, ['140222', '141031'])).toBe(false);
    expect(factoryScope(d)).toEqual([]);
  });

  it('when an enterprise asks, then it sees its factories trips and no batch', () => {
    const e = key('enterprise', ['f1']);
    expect(countyScope(e)).toEqual([]);
    expect(canSeeBatch(e, ['140222'])).toBe(false);
    expect(canSeeTrip(e, { factoryId: 'f1', countyCode: '140222' })).toBe(true);
    expect(canSeeTrip(e, { factoryId: 'f2', countyCode: '140222' })).toBe(false);
  });

  it('when finance asks about a trip, then the trip county decides', () => {
    const f = key('finance', ['140222']);
    expect(canSeeTrip(f, { factoryId: 'f1', countyCode: '140222' })).toBe(true);
    expect(canSeeTrip(f, { factoryId: 'f1', countyCode: '141031' })).toBe(false);
  });

  it('when a scope is empty, then nothing is allowed', () => {
    expect(allows([], '140222')).toBe(false);
  });
});
