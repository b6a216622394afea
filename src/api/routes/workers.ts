import express, { Router, type Request } from 'express';
import { parseId } from '../../auth/access';
import { HealthUpdateSchema } from '../../contracts/health-updates';
import { parseBody } from '../../contracts/parse';
import { BadRequestError } from '../../errors';
import { decodeText } from '../../intake/decode-text';
import { parseWorkerCsvRows } from '../../intake/parse-csv';
import { addWorkers } from '../../services/add-workers';
import { updateWorkerHealth } from '../../services/update-health';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';

/**
 * `{workers:[…]}` or a CSV in the batch upload's format (same encodings and headings), as raw rows; a CSV's rows
 * are numbered by their line as a spreadsheet shows them.
 */
function readWorkers(req: Request, maxRows: number): { rows: unknown[]; rowNos?: number[] } {
  if (req.is('text/csv') || req.is('application/csv')) {
    const csv = parseWorkerCsvRows(decodeText(req.body as Buffer).text, maxRows);
    return { rows: csv.records, rowNos: csv.rowNos };
  }
  const workers = (req.body as { workers?: unknown })?.workers;
  if (!Array.isArray(workers)) throw new BadRequestError('expected {workers:[…]} or a CSV').because('workers_expected');
  return { rows: workers };
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
      const { rows, rowNos } = readWorkers(req, deps.config.MAX_BATCH_ROWS);
      const id = parseId(req.params.id, 'batch');
      res.status(201).json(await addWorkers(deps, res.locals.principal, id, rows, rowNos));
    },
  );
  return r;
}
