import { rateLimit } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { ApiDeps } from '../deps';

/**
 * Requests per minute per API key, counted in Redis so every API process shares the budget.
 * If Redis is away the limiter lets requests through: reads from PostgreSQL keep working.
 */
export function rateLimitPerKey(deps: ApiDeps) {
  return rateLimit({
    windowMs: 60_000,
    limit: deps.config.RATE_LIMIT_PER_MIN,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => res.locals.principal.keyId,
    passOnStoreError: true,
    store: new RedisStore({
      prefix: `${deps.config.QUEUE_PREFIX}:ratelimit:`,
      sendCommand: (...args: string[]) => deps.redis.call(args[0], ...args.slice(1)) as Promise<RedisReply>,
    }),
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate_limited', message: `more than ${deps.config.RATE_LIMIT_PER_MIN} requests a minute for this key; slow down`, details: null } });
    },
  });
}
