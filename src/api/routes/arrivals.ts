import express, { Router } from 'express';
import { arrivalConfirmer } from '../../services/arrivals';
import { expectedArrivals } from '../../services/expected-arrivals';
import { confirmEmployment } from '../../services/employment';
import { recordBoarding } from '../../services/record-boarding';
import { parseId } from '../../auth/access';
import { BoardingSchema } from '../../contracts/boarding';
import { ArrivalsSchema, EmploymentSchema, ExpectedArrivalsQuery, type ArrivalStatus } from '../../contracts/arrivals';
import { parseBody } from '../../contracts/parse';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

export function arrivalRoutes(deps: ApiDeps): Router {
  const r = Router();
  const confirm = arrivalConfirmer(deps);
  r.post('/trips/:id/boarding', requireRole('dispatcher'), express.json({ limit: '2mb' }), async (req, res) => {
    const id = parseId(req.params.id, 'trip');
    const checks = parseBody(BoardingSchema, req.body, { message: 'invalid boarding checks', rowsAt: 'checks' });
    res.json(await recordBoarding(deps, res.locals.principal, id, checks));
  });
  // One page of who is coming (`/no-shows`: the no-show tab, kept for its earlier clients).
  const expected = (tab?: ArrivalStatus) => async (req: express.Request, res: express.Response) => {
    const q = parseBody(ExpectedArrivalsQuery, req.query, { message: 'invalid query' });
    res.json(await expectedArrivals(deps, res.locals.principal, { ...q, tab: tab ?? q.tab }));
  };
  r.get('/arrivals/expected', requireRole('enterprise'), expected());
  r.get('/arrivals/no-shows', requireRole('enterprise'), expected('no-show'));
  r.post('/arrivals', requireRole('enterprise'), express.json({ limit: '2mb' }), async (req, res) => {
    const body = parseBody(ArrivalsSchema, req.body, { message: 'invalid arrivals', rowsAt: 'arrivals' });
    res.json(await confirm(res.locals.principal, body.arrivals));
  });
  // The employment gate: the enterprise confirms the arrived worker's employment, or reports a withdrawal.
  r.post('/employment', requireRole('enterprise'), express.json({ limit: '2mb' }), async (req, res) => {
    const body = parseBody(EmploymentSchema, req.body, { message: 'invalid employment records', rowsAt: 'employment' });
    res.json(await confirmEmployment(deps, res.locals.principal, body.employment));
  });
  return r;
}
