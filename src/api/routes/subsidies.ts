import express, { Router } from 'express';
import { parseId } from '../../auth/access';
import { parseBody } from '../../contracts/parse';
import { NewListSchema, SubsidyFilterSchema } from '../../contracts/subsidies';
import {
  createList,
  getListWithItems,
  listForExport,
  listLists,
  listSubsidies,
  transitionList,
} from '../../services/subsidy-lists';
import type { ApiDeps } from '../deps';
import { streamSubsidyListCsv, streamSubsidyListXlsx } from '../../export/subsidy-export';
import { requireRole } from '../middleware/auth';

const listId = (req: express.Request) => parseId(req.params.id, 'subsidy list');

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
  r.get('/subsidy-lists', finance, async (_req, res) => void res.json(await listLists(deps, res.locals.principal)));
  r.get('/subsidy-lists/:id', finance, async (req, res) => {
    res.json(await getListWithItems(deps, res.locals.principal, listId(req)));
  });
  for (const action of ['publish', 'approve', 'pay', 'withdraw'] as const) {
    r.post(`/subsidy-lists/:id/${action}`, finance, async (req, res) => {
      res.json(await transitionList(deps, res.locals.principal, listId(req), action));
    });
  }
  // The finance export: the only place ID numbers appear in full. Streamed, so a list of any size uses constant memory.
  const exportOptions = { cipher: deps.cipher, utcOffsetMin: deps.policies.planner.utcOffsetMin };
  for (const [ext, type, write] of [
    ['csv', 'text/csv; charset=utf-8', streamSubsidyListCsv],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', streamSubsidyListXlsx],
  ] as const) {
    r.get(`/subsidy-lists/:id/export.${ext}`, finance, async (req, res) => {
      const list = await listForExport(deps, res.locals.principal, listId(req), ext);
      res.type(type).attachment(`subsidy-list-${list.county_code}-${list.id.slice(0, 8)}.${ext}`);
      await write(deps.db, list.id, res, exportOptions);
      res.end();
    });
  }
  return r;
}
