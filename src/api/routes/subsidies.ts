import express, { Router } from 'express';
import { parseId } from '../../auth/access';
import { parseBody } from '../../contracts/parse';
import { NewStatementSchema } from '../../contracts/operator-statements';
import {
  ListQuerySchema,
  ListTransition,
  NewListSchema,
  PaymentSchema,
  SubsidyFilterSchema,
} from '../../contracts/subsidies';
import { listAuditTrail, statementAuditTrail, subsidyAuditTrail } from '../../services/finance-audit';
import {
  createStatement,
  getStatementWithItems,
  listStatements,
  statementForExport,
  transitionStatement,
} from '../../services/operator-statements';
import {
  createList,
  getListWithItems,
  listForExport,
  listLists,
  listSubsidies,
  transitionList,
} from '../../services/subsidy-lists';
import type { ListStep } from '../../services/list-flow';
import type { ApiDeps } from '../deps';
import { streamStatementCsv, streamStatementXlsx } from '../../export/operator-statement-export';
import { streamSubsidyListCsv, streamSubsidyListXlsx } from '../../export/subsidy-export';
import { requireRole } from '../middleware/auth';

const listId = (req: express.Request) => parseId(req.params.id, 'subsidy list');
const statementId = (req: express.Request) => parseId(req.params.id, 'operator statement');

/** A flow step from its path and body: paying needs the payment's reference (422 without one). */
const stepOf = (action: ListTransition, req: express.Request): ListStep =>
  action === 'pay'
    ? { action, ...parseBody(PaymentSchema, req.body ?? {}, { message: 'invalid payment' }) }
    : { action };

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
type Writer = (
  db: ApiDeps['db'],
  id: string,
  out: NodeJS.WritableStream,
  o: { cipher: ApiDeps['cipher']; utcOffsetMin: number },
) => Promise<unknown>;

/**
 * The finance exports: audited, then streamed (constant memory for a list of any size). The subsidy list is
 * the only place ID numbers appear in full.
 */
function exportRoute(
  deps: ApiDeps,
  r: Router,
  path: string,
  find: (req: express.Request, res: express.Response, ext: 'csv' | 'xlsx') => Promise<{ id: string; name: string }>,
  writers: Record<'csv' | 'xlsx', Writer>,
): void {
  const options = { cipher: deps.cipher, utcOffsetMin: deps.policies.planner.utcOffsetMin };
  for (const ext of ['csv', 'xlsx'] as const) {
    r.get(`${path}/export.${ext}`, requireRole('finance'), async (req, res) => {
      const found = await find(req, res, ext);
      res.type(TYPES[ext]).attachment(`${found.name}.${ext}`);
      await writers[ext](deps.db, found.id, res, options);
      res.end();
    });
  }
}

export function subsidyRoutes(deps: ApiDeps): Router {
  const r = Router();
  const finance = requireRole('finance');
  r.get('/subsidies', finance, async (req, res) => {
    const filter = parseBody(SubsidyFilterSchema, req.query, { message: 'invalid request' });
    res.json(await listSubsidies(deps, res.locals.principal, filter));
  });
  r.post('/subsidy-lists', finance, express.json(), async (req, res) => {
    const body = parseBody(NewListSchema, req.body, { message: 'invalid request' });
    const list = await createList(deps, res.locals.principal, body);
    res.status(201).location(`/api/v1/subsidy-lists/${list.id}`).json(list);
  });
  r.get('/subsidies/:id/audit', finance, async (req, res) => {
    res.json(await subsidyAuditTrail(deps, res.locals.principal, parseId(req.params.id, 'subsidy')));
  });
  r.get('/subsidy-lists', finance, async (req, res) => {
    const query = parseBody(ListQuerySchema, req.query, { message: 'invalid request' });
    res.json(await listLists(deps, res.locals.principal, query));
  });
  r.get('/subsidy-lists/:id', finance, async (req, res) => {
    res.json(await getListWithItems(deps, res.locals.principal, listId(req)));
  });
  r.get('/subsidy-lists/:id/audit', finance, async (req, res) => {
    res.json(await listAuditTrail(deps, res.locals.principal, listId(req)));
  });
  for (const action of ListTransition.options) {
    r.post(`/subsidy-lists/:id/${action}`, finance, express.json(), async (req, res) => {
      res.json(await transitionList(deps, res.locals.principal, listId(req), stepOf(action, req)));
    });
  }
  exportRoute(
    deps,
    r,
    '/subsidy-lists/:id',
    async (req, res, ext) => {
      const list = await listForExport(deps, res.locals.principal, listId(req), ext);
      return { id: list.id, name: `subsidy-list-${list.county_code}-${list.id.slice(0, 8)}` };
    },
    { csv: streamSubsidyListCsv, xlsx: streamSubsidyListXlsx },
  );

  // Operator settlement: the government-borne vehicles of a county, paid to their operators.
  r.post('/operator-statements', finance, express.json(), async (req, res) => {
    const body = parseBody(NewStatementSchema, req.body, { message: 'invalid request' });
    const s = await createStatement(deps, res.locals.principal, body);
    res.status(201).location(`/api/v1/operator-statements/${s.id}`).json(s);
  });
  r.get('/operator-statements', finance, async (_req, res) => {
    res.json(await listStatements(deps, res.locals.principal));
  });
  r.get('/operator-statements/:id', finance, async (req, res) => {
    res.json(await getStatementWithItems(deps, res.locals.principal, statementId(req)));
  });
  r.get('/operator-statements/:id/audit', finance, async (req, res) => {
    res.json(await statementAuditTrail(deps, res.locals.principal, statementId(req)));
  });
  for (const action of ListTransition.options) {
    r.post(`/operator-statements/:id/${action}`, finance, express.json(), async (req, res) => {
      res.json(await transitionStatement(deps, res.locals.principal, statementId(req), stepOf(action, req)));
    });
  }
  exportRoute(
    deps,
    r,
    '/operator-statements/:id',
    async (req, res, ext) => {
      const s = await statementForExport(deps, res.locals.principal, statementId(req), ext);
      return { id: s.id, name: `operator-statement-${s.county_code}-${s.id.slice(0, 8)}` };
    },
    { csv: streamStatementCsv, xlsx: streamStatementXlsx },
  );
  return r;
}
