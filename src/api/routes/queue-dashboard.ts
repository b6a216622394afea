import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { findPrincipal } from '../../auth/api-keys';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import type { ApiDeps } from '../deps';

const BASE = '/admin/queues';
const COOKIE = 'p2p_admin';

const cookieKey = (req: Request): string | undefined =>
  req.headers.cookie
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === COOKIE)?.[1];

const LOGIN_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>队列看板 Queue dashboard</title></head>
<body><main><h1>队列看板 Queue dashboard</h1><form method="post" action="/admin/login">
<label for="key">管理员密钥 Admin API key</label> <input id="key" name="key" type="password" autocomplete="off" required>
<button type="submit">登录 Sign in</button></form></main></body></html>`;

/**
 * The admin-only queue dashboard (bull-board) at /admin/queues. A browser signs in once with an admin key,
 * kept in an HttpOnly, SameSite=Strict cookie scoped to /admin; API clients may send the bearer header.
 */
export function queueDashboard(deps: ApiDeps): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({
    queues: [new BullMQAdapter(deps.queue)],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'p2p planning' } },
  });
  const adminOnly = async (req: Request, _res: Response, next: NextFunction) => {
    const key = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? cookieKey(req);
    const p = key ? await findPrincipal(deps.db, decodeURIComponent(key), deps.clock.now()) : null;
    if (!p) throw new UnauthorizedError('sign in at /admin/login with an admin API key');
    if (p.role !== 'admin') throw new ForbiddenError('the queue dashboard is for admin keys only');
    next();
  };
  const r = Router();
  r.get('/admin/login', (_req, res) => void res.type('html').send(LOGIN_PAGE));
  r.post('/admin/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const key = String((req.body as { key?: unknown }).key ?? '');
    const p = key ? await findPrincipal(deps.db, key, deps.clock.now()) : null;
    if (!p || p.role !== 'admin') {
      res
        .status(401)
        .type('html')
        .send(LOGIN_PAGE.replace('</form>', '</form><p role="alert">密钥无效或不是管理员密钥 Not an admin key</p>'));
      return;
    }
    res.cookie(COOKIE, encodeURIComponent(key), {
      httpOnly: true,
      sameSite: 'strict',
      path: '/admin',
      secure: req.secure,
      maxAge: 8 * 3600_000,
    });
    res.redirect(303, BASE);
  });
  r.use(BASE, adminOnly, adapter.getRouter() as express.Router);
  return r;
}
