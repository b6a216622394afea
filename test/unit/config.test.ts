import { ConfigError, loadConfig } from '../../src/config/env';

describe('configuration from the environment', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://p2p_app@127.0.0.1:5432/p2p',
      DATABASE_OWNER_URL: 'postgres://postgres@127.0.0.1:5432/p2p',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'p2p',
    });
  });
  it('when DATABASE_URL is set, then the owner URL is only what is set, and the two must be different roles', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app:pw@db:5432/p2p' }).DATABASE_OWNER_URL).toBeUndefined();
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://app@db/p2p', DATABASE_OWNER_URL: 'postgres://app@db/p2p' }),
    ).toThrow(/DATABASE_OWNER_URL: must connect as another role/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/p2p' })).toThrow(/DATABASE_URL: must name the app's role/);
  });
  it('when a value is bad, then start-up stops naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x' })).toThrow(/PORT:[\s\S]*REDIS_URL:/);
    expect(() => loadConfig({ QUEUE_PREFIX: 'a b' })).toThrow(/QUEUE_PREFIX/);
  });
  it('is frozen once loaded', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
