import express, { Router } from 'express';
import { parseId } from '../../auth/access';
import { createList, getList, listItems, listSubsidies, listView, transitionList } from '../../services/subsidy-lists';
import type { ApiDeps } from '../deps';
import { audit } from '../../db/audit';
import { streamSubsidyListCsv, streamSubsidyListXlsx } from '../../export/subsidy-export';
import { requireRole } from '../middleware/auth';

export function subsidyRoutes(deps: ApiDeps): Router {
  const r = Router();
  const finance = requireRole('finance');
  r.get(
    '/subsidies',
    finance,
    async (req, res) => void res.json(await listSubsidies(deps, res.locals.principal, req.query)),
  );
  r.post('/subsidy-lists', finance, express.json(), async (req, res) => {
    const list = await createList(deps, res.locals.principal, req.body);
    res.status(201).location(`/api/v1/subsidy-lists/${list.id}`).json(listView(list));
  });
  r.get('/subsidy-lists', finance, async (_req, res) => {
    const p = res.locals.principal;
    let q = deps.db.selectFrom('subsidy_lists').selectAll().orderBy('created_at', 'desc');
    if (p.role !== 'admin') q = q.where('county_code', 'in', p.scopes.length ? [...p.scopes] : ['-']);
    res.json({ lists: (await q.execute()).map(listView) });
  });
  r.get('/subsidy-lists/:id', finance, async (req, res) => {
    const list = await getList(deps.db, res.locals.principal, parseId(req.params.id, 'subsidy list'));
    res.json({ ...listView(list), items: await listItems(deps.db, list.id) });
  });
  for (const action of ['publish', 'approve', 'pay', 'withdraw'] as const) {
    r.post(`/subsidy-lists/:id/${action}`, finance, async (req, res) => {
      res.json(await transitionList(deps, res.locals.principal, parseId(req.params.id, 'subsidy list'), action));
    });
  }
  // The finance export: the only place ID numbers appear in full. Streamed, so a list of any size uses constant memory.
  for (const [ext, type, write] of [
    ['csv', 'text/csv; charset=utf-8', streamSubsidyListCsv],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', streamSubsidyListXlsx],
  ] as const) {
    r.get(`/subsidy-lists/:id/export.${ext}`, finance, async (req, res) => {
      const list = await getList(deps.db, res.locals.principal, parseId(req.params.id, 'subsidy list'));
      res.type(type).attachment(`subsidy-list-${list.county_code}-${list.id.slice(0, 8)}.${ext}`);
      await audit(deps.db, {
        actor: res.locals.principal.keyId,
        action: `subsidy-list.exported-${ext}`,
        entity: 'subsidy-list',
        entityId: list.id,
      });
      await write(deps.db, list.id, res, { cipher: deps.cipher });
      res.end();
    });
  }
  return r;
}
