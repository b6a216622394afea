import express, { Router } from 'express';
import { z } from 'zod';
import { parseBody } from '../../contracts/parse';
import {
  CountyCorrectionSchema,
  CountySearchSchema,
  FactoryRegistrationSchema,
  FactoryUpdateSchema,
  HubBodySchema,
  HubSearchSchema,
} from '../../contracts/reference';
import { CountyCode, Slug } from '../../domain/reference/places';
import { NotFoundError } from '../../errors';
import {
  correctCountySeat,
  findCounties,
  findHubs,
  listFactories,
  putHub,
  registerFactory,
  updateFactory,
} from '../../services/reference';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

const pathParam = <S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> => {
  const r = schema.safeParse(raw);
  if (!r.success) throw new NotFoundError(what);
  return r.data;
};

/** The national gazetteer for every key; corrections for admins; factories registered and kept by their owners. */
export function referenceRoutes(deps: ApiDeps): Router {
  const r = Router();
  const admin = requireRole('admin');
  r.get('/reference/counties', async (req, res) => {
    res.json(await findCounties(deps, parseBody(CountySearchSchema, req.query, { message: 'invalid search' })));
  });
  r.get('/reference/hubs', async (req, res) => {
    res.json(await findHubs(deps, parseBody(HubSearchSchema, req.query, { message: 'invalid search' })));
  });
  r.put('/reference/counties/:code', admin, express.json(), async (req, res) => {
    const code = pathParam(CountyCode, req.params.code, 'county');
    res.json(
      await correctCountySeat(deps, code, parseBody(CountyCorrectionSchema, req.body, { message: 'invalid county' })),
    );
  });
  r.put('/reference/hubs/:id', admin, express.json(), async (req, res) => {
    const id = pathParam(Slug, req.params.id, 'hub');
    res.json(await putHub(deps, id, parseBody(HubBodySchema, req.body, { message: 'invalid hub' })));
  });
  r.get('/factories', async (_req, res) => {
    res.json(await listFactories(deps, res.locals.principal));
  });
  r.post('/factories', requireRole('dispatcher'), express.json(), async (req, res) => {
    const body = parseBody(FactoryRegistrationSchema, req.body, { message: 'invalid factory' });
    const f = await registerFactory(deps, res.locals.principal, body);
    res.status(201).location(`/api/v1/factories/${f.id}`).json(f);
  });
  r.patch('/factories/:id', express.json(), async (req, res) => {
    const id = pathParam(Slug, req.params.id, 'factory');
    const body = parseBody(FactoryUpdateSchema, req.body, { message: 'invalid factory details' });
    res.json(await updateFactory(deps, res.locals.principal, id, body));
  });
  return r;
}
