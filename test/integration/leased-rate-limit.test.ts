import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import type { Options } from 'express-rate-limit';
import { LeasedRedisStore } from '../../src/api/middleware/leased-redis-store';
import { systemClock } from '../../src/clock';
import { clearPrefix, REDIS_URL } from '../support/test-service';

const prefix = `p2ptest${randomBytes(4).toString('hex')}`;
let redis: IORedis;
let calls = 0;
const counted = { call: (command: string, ...args: (string | number)[]) => (calls++, redis.call(command, ...args)) };
const store = (limit: number, windowMs = 60_000) => {
  const s = new LeasedRedisStore(counted, `${prefix}:rl:`, systemClock);
  s.init({ limit, windowMs } as Options);
  return s;
};

beforeAll(() => {
  redis = new IORedis(REDIS_URL);
});
afterAll(async () => {
  await clearPrefix(prefix);
  redis.disconnect();
});
beforeEach(() => {
  calls = 0;
});

describe('the leased Redis rate-limit store', () => {
  it('when two processes count one key, then every hit gets its own position and Redis is asked once per lease', async () => {
    const [a, b] = [store(1000), store(1000)]; // lease of 10
    const hits: number[] = [];
    for (let i = 0; i < 35; i++) hits.push((await a.increment('k1')).totalHits, (await b.increment('k1')).totalHits);
    expect(new Set(hits).size).toBe(70);
    expect(Math.max(...hits)).toBeLessThanOrEqual(80); // 4 leases each at most
    expect(calls).toBe(8);
    expect(Number(await redis.get(`${prefix}:rl:k1`))).toBe(80);
  });

  it('when many requests run out of a lease together, then they share one lease request', async () => {
    const s = store(1000);
    const results = await Promise.all(Array.from({ length: 10 }, () => s.increment('k2')));
    expect(results.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(calls).toBe(1);
  });

  it('when the limit is small, then leases are single hits and the count is exact', async () => {
    const [a, b] = [store(5), store(5)];
    const hits = [
      await a.increment('k3'),
      await b.increment('k3'),
      await a.increment('k3'),
      await b.increment('k3'),
      await a.increment('k3'),
      await b.increment('k3'),
    ];
    expect(hits.map((h) => h.totalHits)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('when the window ends, then counting starts again from one', async () => {
    const s = store(1000, 300);
    const first = await s.increment('k4');
    expect(first.totalHits).toBe(1);
    expect(first.resetTime!.getTime() - Date.now()).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 400));
    expect((await s.increment('k4')).totalHits).toBe(1);
  });
});
