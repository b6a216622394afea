import express, { Router, type Request } from 'express';
import { parseId } from '../../auth/access';
import { HealthUpdateSchema } from '../../contracts/health-updates';
import { parseBody } from '../../contracts/parse';
import { BadRequestError } from '../../errors';
import { decodeText } from '../../intake/decode-text';
import { parseWorkerCsv } from '../../intake/parse-csv';
import { addWorkers } from '../../services/add-workers';
import { updateWorkerHealth } from '../../services/update-health';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

/** `{workers:[…]}` or a CSV in the batch upload's format (same encodings and headings), as raw rows. */
function readWorkers(req: Request, maxRows: number): unknown[] {
  if (req.is('text/csv') || req.is('application/csv'))
    return parseWorkerCsv(decodeText(req.body as Buffer).text, maxRows);
  const workers = (req.body as { workers?: unknown })?.workers;
  if (!Array.isArray(workers)) throw new BadRequestError('expected {workers:[…]} or a CSV');
  return workers;
}

export function workerRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.patch('/workers/:id/health', requireRole('dispatcher'), express.json(), async (req, res) => {
    const id = parseId(req.params.id, 'worker');
    const update = parseBody(HealthUpdateSchema, req.body, { message: 'invalid health update' });
    res.json(await updateWorkerHealth(deps, res.locals.principal, id, update));
  });
  r.post(
    '/batches/:id/workers',
    requireRole('dispatcher'),
    express.json({ limit: deps.config.MAX_BODY_BYTES }),
    express.raw({ type: ['text/csv', 'application/csv'], limit: deps.config.MAX_BODY_BYTES }),
    async (req, res) => {
      // Rows are validated like a submission (every row error at once), so only the envelope is checked here.
      const workers = readWorkers(req, deps.config.MAX_BATCH_ROWS);
      res.status(201).json(await addWorkers(deps, res.locals.principal, parseId(req.params.id, 'batch'), workers));
    },
  );
  return r;
}
