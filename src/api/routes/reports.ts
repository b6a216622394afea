import { Router } from 'express';
import { CountySummaryQuerySchema, type CountySummaryAnswer } from '../../contracts/county-summary';
import { parseBody } from '../../contracts/parse';
import { countySummaryCsv, countySummaryXlsx } from '../../export/county-summary-export';
import { getCountySummary } from '../../services/county-summary';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileName = (s: CountySummaryAnswer, ext: string) =>
  `county-summary-${s.county ?? 'all'}-${s.from}-${s.to}.${ext}`;

/**
 * Reporting upward: the county summary for dispatchers and finance of their counties (admin: all), as JSON for
 * the console and as CSV or XLSX for the prefecture and province. One county row per county; small enough to
 * build in memory (no cursor as the per-person exports need).
 */
export function reportRoutes(deps: ApiDeps): Router {
  const r = Router();
  const who = requireRole('dispatcher', 'finance');
  const summary = (req: { query: unknown }, principal: Parameters<typeof getCountySummary>[1]) =>
    getCountySummary(deps, principal, parseBody(CountySummaryQuerySchema, req.query, { message: 'invalid report' }));
  r.get('/reports/county-summary', who, async (req, res) => {
    res.json(await summary(req, res.locals.principal));
  });
  r.get('/reports/county-summary.csv', who, async (req, res) => {
    const s = await summary(req, res.locals.principal);
    res.type('text/csv; charset=utf-8').attachment(fileName(s, 'csv')).send(countySummaryCsv(s));
  });
  r.get('/reports/county-summary.xlsx', who, async (req, res) => {
    const s = await summary(req, res.locals.principal);
    res
      .type(XLSX)
      .attachment(fileName(s, 'xlsx'))
      .send(await countySummaryXlsx(s));
  });
  return r;
}
