import express, { Router } from 'express';
import { parseId } from '../../auth/access';
import { BadRequestError } from '../../errors';
import { addWorkers } from '../../services/add-workers';
import { updateWorkerHealth } from '../../services/update-health';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

export function workerRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.patch('/workers/:id/health', requireRole('dispatcher'), express.json(), async (req, res) => {
    res.json(await updateWorkerHealth(deps, res.locals.principal, parseId(req.params.id, 'worker'), req.body));
  });
  r.post(
    '/batches/:id/workers',
    requireRole('dispatcher'),
    express.json({ limit: deps.config.MAX_BODY_BYTES }),
    async (req, res) => {
      const workers = (req.body as { workers?: unknown })?.workers;
      if (!Array.isArray(workers)) throw new BadRequestError('expected {workers:[…]}');
      res.status(201).json(await addWorkers(deps, res.locals.principal, parseId(req.params.id, 'batch'), workers));
    },
  );
  return r;
}
