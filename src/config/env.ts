import { z } from 'zod';

/** A PostgreSQL role name that needs no quoting. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The app's connection, as a role that owns nothing (README "Database roles"). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://p2p_app@127.0.0.1:5432/p2p'),
  /**
   * The owner's connection, used only at start-up: creates the database (and, as a superuser, the roles),
   * migrates as the owner role and grants the app role. Unset with DATABASE_URL unset: the embedded default.
   */
  DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The role owning the tables; default: DATABASE_OWNER_URL's user, or p2p_owner when that is a superuser. */
  DATABASE_OWNER_ROLE: z.string().regex(ROLE_NAME, 'lower-case letters, digits and _ only').optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('p2p'),
  /** Directory holding places.json and planner-config.json; defaults to the bundled fixtures. */
  FIXTURES_DIR: z.string().min(1).optional(),
  /**
   * 32 random bytes, base64: encrypts ID and phone numbers at rest and keys their look-up hash. Required in production.
   */
  DATA_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, 'base64').length === 32,
      'must be 32 random bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** How often unqueued batches are looked for and queued again. */
  REQUEUE_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  JOB_LOCK_MS: z.coerce.number().int().min(5000).default(60_000),
  STALLED_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** A batch queued or planning without progress this long is handed to the queue again (Redis lost its job). */
  STALE_BATCH_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .default(10 * 60_000),
  /** PostgreSQL connections per process. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** An OSRM server (e.g. http://osrm:5000) for road distances; unset: great circle × detour factor. */
  OSRM_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Worker-only processes serve /healthz and /metrics on this port (unset: none). */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** `--api` only: API processes sharing the port (node:cluster), e.g. one per core. */
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  MAX_BATCH_ROWS: z.coerce.number().int().min(1).default(20000),
  /** Overrides the subsidy policy's public-notice days (e.g. 0 on a training system). */
  SUBSIDY_NOTICE_DAYS: z.coerce.number().int().min(0).max(365).optional(),
  /** Failed authentications per minute per client address before it gets 429 (API keys and admin sign-in). */
  AUTH_FAILURES_PER_MIN: z.coerce.number().int().min(1).default(30),
  /** How long an admin dashboard session lasts. */
  ADMIN_SESSION_HOURS: z.coerce.number().min(0.1).max(24).default(8),
  /**
   * `true` only in development, when the console is served over plain HTTP on a LAN address: admin cookies then
   * lack `Secure`. Everywhere else they carry it.
   */
  PLAIN_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Server timeouts (see api/http-server.ts): request headers, the whole request, idle keep-alive. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).default(15_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(500).default(5000),
  /** When set, /metrics (API and worker health servers) answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Requests per minute per API key. */
  RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(3000),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
});

export type AppConfig = Readonly<z.infer<typeof EnvSchema>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** With neither database URL set: the local server's superuser sets up the database and the roles. */
export const EMBEDDED_OWNER_URL = 'postgres://postgres@127.0.0.1:5432/p2p';

const userOf = (url: string) => decodeURIComponent(new URL(url).username);

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (env.DATABASE_URL === undefined && env.DATABASE_OWNER_URL === undefined)
    env = { ...env, DATABASE_OWNER_URL: EMBEDDED_OWNER_URL };
  const parsed = EnvSchema.refine((c) => ROLE_NAME.test(userOf(c.DATABASE_URL)), {
    message: "must name the app's role: postgres://ROLE[:PASSWORD]@HOST:PORT/DATABASE (lower-case role name)",
    path: ['DATABASE_URL'],
  })
    .refine((c) => !c.DATABASE_OWNER_URL || userOf(c.DATABASE_OWNER_URL) !== userOf(c.DATABASE_URL), {
      message: "must connect as another role than DATABASE_URL (the app's role owns nothing)",
      path: ['DATABASE_OWNER_URL'],
    })
    .refine((c) => c.NODE_ENV !== 'production' || c.DATA_KEY, {
      message: 'is required in production',
      path: ['DATA_KEY'],
    })
    .refine((c) => c.NODE_ENV === 'development' || !c.PLAIN_HTTP, {
      message: 'plain HTTP admin cookies are for development only',
      path: ['PLAIN_HTTP'],
    })
    .safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}
