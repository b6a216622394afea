import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import { findPrincipal, type Principal } from '../../auth/api-keys';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Role } from '../../db/schema';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import type { AuthFailureLimiter } from './auth-failures';

declare module 'express-serve-static-core' {
  interface Locals {
    principal: Principal;
  }
}

/**
 * Resolves `Authorization: Bearer <key>` to a principal; unknown, revoked or expired keys get 401.
 * Principals are remembered for `cacheMs` (default 5 s), so a revocation takes effect within that time
 * while a busy factory gate does not cost a database round trip per request. An address that keeps
 * failing is turned away before the look-up (see auth-failures.ts).
 */
export function authenticate(db: Database, clock: Clock, failures: AuthFailureLimiter, cacheMs = 5000) {
  const cache = new Map<string, { at: number; principal: Principal | null }>();
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    let principal: Principal | null = null;
    if (m) {
      const hit = cache.get(m[1]);
      if (hit && performance.now() - hit.at < cacheMs) principal = hit.principal;
      else {
        await failures.check(req);
        principal = await findPrincipal(db, m[1], clock.now());
        if (!principal) await failures.failed(req);
        if (cache.size > 10_000) cache.clear();
        cache.set(m[1], { at: performance.now(), principal }); // a duration, on the monotonic clock
      }
    }
    if (!principal) throw new UnauthorizedError();
    res.locals.principal = principal;
    next();
  };
}

/** Allows only the listed roles (admin is always allowed). */
export function requireRole(...roles: Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const { role } = res.locals.principal;
    if (role !== 'admin' && !roles.includes(role))
      throw new ForbiddenError(`the ${role} role may not do this`).because('role_forbidden', { role });
    next();
  };
}
