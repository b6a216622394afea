import type { Request } from 'express';
import { AppError } from '../../errors';
import type { RedisCaller } from './leased-redis-store';

/** Count a failure and answer the window's count and remaining ms (the window starts at the first failure). */
const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

const WINDOW_MS = 60_000;

export class TooManyFailuresError extends AppError {
  constructor(readonly retryAfterS: number) {
    super(
      429,
      'too_many_failed_authentications',
      `too many failed sign-ins from this address; retry in ${retryAfterS} s`,
    );
    this.because('too_many_failed_authentications', { seconds: retryAfterS });
  }
}

/**
 * Failed authentications per client address, counted in Redis so every API process shares the count. Once an
 * address has failed `limitPerMin` times in a window, it gets 429 with Retry-After until the window ends, before
 * any key is looked up: guessing keys costs the guesser, not the database. While Redis is away nothing is
 * limited (authentication itself still works).
 */
export function authFailureLimiter(redis: RedisCaller, prefix: string, limitPerMin: number) {
  const keyOf = (req: Request) => `${prefix}:authfail:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
  return {
    /** Throws TooManyFailuresError when the address is over its limit. */
    async check(req: Request): Promise<void> {
      const [count, ttl] = await Promise.all([redis.call('GET', keyOf(req)), redis.call('PTTL', keyOf(req))]).catch(
        () => [null, -2],
      );
      if (Number(count ?? 0) >= limitPerMin) throw new TooManyFailuresError(Math.max(1, Math.ceil(Number(ttl) / 1000)));
    },
    async failed(req: Request): Promise<void> {
      await redis.call('EVAL', FAIL_SCRIPT, 1, keyOf(req), WINDOW_MS).catch(() => undefined);
    },
  };
}
export type AuthFailureLimiter = ReturnType<typeof authFailureLimiter>;
