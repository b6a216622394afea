import { ConfigError, loadConfig } from '../../src/config/env';

describe('configuration from the environment', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/p2p',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'p2p',
    });
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
