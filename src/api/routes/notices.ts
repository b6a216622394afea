import { Router, type Request } from 'express';
import { parseId } from '../../auth/access';
import { NoticeQuerySchema } from '../../contracts/pickup-notices';
import { parseBody } from '../../contracts/parse';
import { noticeCsv } from '../../export/notice-csv';
import { batchNotices, tripNotices } from '../../services/pickup-notices';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

const langOf = (req: Request) => parseBody(NoticeQuerySchema, req.query, { message: 'invalid notice query' }).lang;

/**
 * Pick-up notices, with full phone numbers for the SMS platform: dispatchers only (other roles 403, as for every
 * dispatcher route); a trip or batch outside the key's counties answers 404 like one that does not exist.
 * Answers are not cached (`Cache-Control: no-store`, set for the whole API).
 */
export function noticeRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/trips/:id/notices', requireRole('dispatcher'), async (req, res) => {
    res.json(await tripNotices(deps, res.locals.principal, parseId(req.params.id, 'trip'), langOf(req)));
  });
  r.get('/trips/:id/notices.csv', requireRole('dispatcher'), async (req, res) => {
    const answer = await tripNotices(deps, res.locals.principal, parseId(req.params.id, 'trip'), langOf(req));
    res.type('text/csv; charset=utf-8').attachment(`notices-${answer.trip.label ?? answer.trip.key}.csv`);
    res.send(noticeCsv(answer.notices));
  });
  r.get('/batches/:id/notices.csv', requireRole('dispatcher'), async (req, res) => {
    const { batch, notices } = await batchNotices(
      deps,
      res.locals.principal,
      parseId(req.params.id, 'batch'),
      langOf(req),
    );
    res.type('text/csv; charset=utf-8').attachment(`notices-batch-${batch.id.slice(0, 8)}.csv`);
    res.send(noticeCsv(notices));
  });
  return r;
}
