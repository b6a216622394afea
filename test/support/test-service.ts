import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { createApiKey } from '../../src/auth/api-keys';
import { fixedClock } from '../../src/clock';
import type { Role } from '../../src/db/schema';
import { start, type Runtime } from '../../src/runtime';
import { createTestDatabase, type TestDatabase } from './test-db';

/** The default pinned time of a test service. */
export const TEST_NOW = '2026-01-15T09:00:00+08:00';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestService {
  rt: Runtime;
  /** The service's clock: pinned, moved by the test (`clock.set`, `clock.advance`). */
  clock: ReturnType<typeof fixedClock>;
  tdb: TestDatabase;
  base: string;
  prefix: string;
  key(role: Role, scopes?: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Deletes every Redis key under a test's queue prefix. */
export async function clearPrefix(prefix: string): Promise<void> {
  const r = new IORedis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
  r.disconnect();
}

/** The real service (HTTP on port 0, BullMQ on the real Redis, its own database and queue prefix). */
export async function startTestService(
  opts: { api?: boolean; runner?: boolean; seed?: boolean; env?: Record<string, string>; now?: string } = {},
): Promise<TestService> {
  const tdb = await createTestDatabase();
  const prefix = `p2ptest${randomBytes(4).toString('hex')}`;
  // Pinned time: no test depends on the day it runs. The default lies before every trip date the tests use.
  const clock = fixedClock(opts.now ?? TEST_NOW);
  const rt = await start({
    clock,
    api: opts.api ?? true,
    runner: opts.runner ?? true,
    // `seed`: load the reference data as a fresh install does (the national gazetteer); tests default to the sample.
    seed: opts.seed ?? false,
    env: {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: tdb.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      REQUEUE_INTERVAL_MS: '500',
      // Many tests send bad keys on purpose; the limiter has a test of its own.
      AUTH_FAILURES_PER_MIN: '100000',
      ...opts.env,
    },
  });
  return {
    rt,
    clock,
    tdb,
    prefix,
    base: `http://127.0.0.1:${rt.port ?? 0}`,
    key: async (role, scopes = []) => (await createApiKey(tdb.db, role, scopes)).key,
    async stop() {
      await rt.stop();
      await clearPrefix(prefix);
      await tdb.drop();
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
