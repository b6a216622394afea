import express, { Router } from 'express';
import { z } from 'zod';
import { arrivalConfirmer, expectedArrivals } from '../../services/arrivals';
import { recordBoarding } from '../../services/record-boarding';
import { parseId } from '../../auth/access';
import { ValidationError } from '../../errors';
import type { ApiDeps } from '../deps';
import { Slug } from '../../domain/reference/places';
import { requireRole } from '../middleware/auth';

const ExpectedQuery = z.object({
  factory: Slug.optional(),
  day: z.iso.date().optional(),
  status: z.enum(['expected', 'arrived', 'no-show']).optional(),
});

export function arrivalRoutes(deps: ApiDeps): Router {
  const r = Router();
  const confirm = arrivalConfirmer(deps);
  r.post('/trips/:id/boarding', requireRole('dispatcher'), express.json({ limit: '2mb' }), async (req, res) => {
    res.json(await recordBoarding(deps, res.locals.principal, parseId(req.params.id, 'trip'), req.body));
  });
  const expected = (status?: 'no-show') => async (req: express.Request, res: express.Response) => {
    const q = ExpectedQuery.safeParse(req.query);
    if (!q.success)
      throw new ValidationError(
        'invalid query',
        q.error.issues.map((i) => ({ row: 0, field: i.path.join('.'), message: i.message })),
      );
    const rows = await expectedArrivals(deps, res.locals.principal, {
      factoryId: q.data.factory,
      day: q.data.day,
      status: status ?? q.data.status,
    });
    res.json({
      arrivals: rows,
      counts: {
        total: rows.length,
        arrived: rows.filter((x) => x.status === 'arrived').length,
        noShows: rows.filter((x) => x.status === 'no-show').length,
      },
    });
  };
  r.get('/arrivals/expected', requireRole('enterprise'), expected());
  r.get('/arrivals/no-shows', requireRole('enterprise'), expected('no-show'));
  r.post('/arrivals', requireRole('enterprise'), express.json({ limit: '2mb' }), async (req, res) => {
    res.json(await confirm(res.locals.principal, req.body));
  });
  return r;
}
