import { rateLimit } from 'express-rate-limit';
import type { ApiDeps } from '../deps';
import { LeasedRedisStore } from './leased-redis-store';

/**
 * Requests per minute per API key, counted in Redis so every API process shares the budget (leased in
 * blocks of 1 % of the limit, so a busy key costs a Redis round trip per block, not per request).
 * If Redis is away the limiter lets requests through: reads from PostgreSQL keep working.
 */
export function rateLimitPerKey(deps: ApiDeps) {
  return rateLimit({
    windowMs: 60_000,
    limit: deps.config.RATE_LIMIT_PER_MIN,
    // draft-7 (`RateLimit: limit=…, remaining=…, reset=…`): draft-8 names the partition by a SHA-256 of the
    // key, computed on every request.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => res.locals.principal.keyId,
    passOnStoreError: true,
    store: new LeasedRedisStore(deps.redis, `${deps.config.QUEUE_PREFIX}:ratelimit:`, deps.clock),
    handler: (_req, res) => {
      res.status(429).json({
        error: {
          code: 'rate_limited',
          message: `more than ${deps.config.RATE_LIMIT_PER_MIN} requests a minute for this key; slow down`,
          details: null,
          reason: 'rate_limited',
          params: { perMinute: deps.config.RATE_LIMIT_PER_MIN },
        },
      });
    },
  });
}
