import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Whether a /metrics request may read: always when no token is configured (bind the port privately then),
 * else only with `Authorization: Bearer <token>`, compared in constant time.
 */
export function metricsAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

export const METRICS_DENIED =
  '{"error":{"code":"unauthorized","message":"metrics need the metrics token","details":null}}';
