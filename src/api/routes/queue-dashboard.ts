import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { Router, type CookieOptions, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { findPrincipal } from '../../auth/api-keys';
import { adminSessionsRepo } from '../../db/admin-sessions-repo';
import { AppError, BadRequestError, ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from '../../errors';
import type { ApiDeps } from '../deps';
import type { AuthFailureLimiter } from '../middleware/auth-failures';

const BASE = '/admin/queues';
const SESSION_COOKIE = 'p2p_admin';
/** Read by the dashboard's own HTTP client (axios) and sent back as X-XSRF-TOKEN on its writes. */
const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const LoginForm = z.object({ key: z.string().trim().min(1).max(200) });

/** Cookies of a request; a value that is not valid percent-encoding is left out (never a 500). */
function cookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      /* malformed value: as if absent */
    }
  }
  return out;
}

const LOGIN_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>队列看板 Queue dashboard</title></head>
<body><main><h1>队列看板 Queue dashboard</h1><form method="post" action="/admin/login">
<label for="key">管理员密钥 Admin API key</label> <input id="key" name="key" type="password" autocomplete="off" required>
<button type="submit">登录 Sign in</button></form></main></body></html>`;

class CsrfError extends AppError {
  constructor() {
    super(403, 'csrf_failed', `a dashboard write needs the ${CSRF_HEADER} header of its session`);
    this.because('csrf_failed');
  }
}

/**
 * The admin-only queue dashboard (bull-board) at /admin/queues. A browser signs in once with an admin key and
 * gets a random session token (HttpOnly, SameSite=Strict, Secure, path /admin, expiring), never the key itself;
 * its writes (pause, retry, clean) must echo the session's CSRF token. API clients may send the bearer header
 * instead (no ambient credential, so no CSRF check). Failed sign-ins count against the address's limit.
 */
export function queueDashboard(deps: ApiDeps, failures: AuthFailureLimiter): Router {
  const sessions = adminSessionsRepo(deps.db);
  const ttlMs = deps.config.ADMIN_SESSION_HOURS * 3600_000;
  const cookieOptions = (httpOnly: boolean): CookieOptions => ({
    httpOnly,
    sameSite: 'strict',
    path: '/admin',
    secure: !deps.config.PLAIN_HTTP,
    maxAge: ttlMs,
  });
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({
    queues: [new BullMQAdapter(deps.queue)],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'p2p planning' } },
  });

  const adminOnly = async (req: Request, _res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer) {
      await failures.check(req);
      const p = await findPrincipal(deps.db, bearer, deps.clock.now());
      if (!p) await failures.failed(req);
      if (!p) throw new UnauthorizedError();
      if (p.role !== 'admin')
        throw new ForbiddenError('the queue dashboard is for admin keys only').because('admin_only');
      return next();
    }
    const token = cookies(req).get(SESSION_COOKIE);
    const session = token ? await sessions.find(token, deps.clock.now()) : null;
    if (!session)
      throw new UnauthorizedError('sign in at /admin/login with an admin API key').because('sign_in_required');
    if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== session.csrfToken) throw new CsrfError();
    next();
  };

  const r = Router();
  r.get('/admin/login', (_req, res) => void res.type('html').send(LOGIN_PAGE));
  r.post(
    '/admin/login',
    express.urlencoded({ extended: false, limit: '4kb' }),
    express.json({ limit: '4kb' }),
    async (req, res) => {
      if (req.body === undefined) {
        if (req.get('content-type')) throw new UnsupportedMediaTypeError('send a form (key=…) or JSON {"key": …}');
        throw new BadRequestError('send the admin key as the form field `key`').because('dashboard_key_field');
      }
      const form = LoginForm.safeParse(req.body);
      if (!form.success)
        throw new BadRequestError('send the admin key as the form field `key`').because('dashboard_key_field');
      await failures.check(req);
      const p = await findPrincipal(deps.db, form.data.key, deps.clock.now());
      if (!p || p.role !== 'admin') {
        await failures.failed(req);
        res
          .status(401)
          .type('html')
          .send(LOGIN_PAGE.replace('</form>', '</form><p role="alert">密钥无效或不是管理员密钥 Not an admin key</p>'));
        return;
      }
      const session = await sessions.open(p.keyId, deps.clock.now(), ttlMs);
      res.cookie(SESSION_COOKIE, session.token, cookieOptions(true));
      res.cookie(CSRF_COOKIE, session.csrfToken, cookieOptions(false));
      res.redirect(303, BASE);
    },
  );
  r.post('/admin/logout', async (req, res) => {
    const token = cookies(req).get(SESSION_COOKIE);
    if (token) await sessions.close(token);
    res.clearCookie(SESSION_COOKIE, { path: '/admin' }).clearCookie(CSRF_COOKIE, { path: '/admin' });
    res.redirect(303, '/admin/login');
  });
  r.use(BASE, adminOnly, adapter.getRouter() as express.Router);
  return r;
}
