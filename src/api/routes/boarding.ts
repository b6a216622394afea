import { Router } from 'express';
import { parseId } from '../../auth/access';
import { boardingView } from '../../services/boarding-view';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

/** The door's record of a trip (the checks themselves are posted beside the arrivals, see routes/arrivals.ts). */
export function boardingRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/trips/:id/boarding', requireRole('dispatcher'), async (req, res) => {
    res.json(await boardingView(deps, res.locals.principal, parseId(req.params.id, 'trip')));
  });
  return r;
}
