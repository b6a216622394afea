import { Router } from 'express';
import type { ApiDeps } from '../deps';

/** Who the key belongs to, and the reference places the console draws on its map. */
export function meRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/me', (_req, res) => {
    const { role, scopes } = res.locals.principal;
    res.json({ role, scopes });
  });
  r.get('/reference/places', async (_req, res) => {
    res.set('cache-control', 'private, max-age=300').json(await deps.places());
  });
  return r;
}
