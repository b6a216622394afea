import express, { Router, type Request } from 'express';
import { BatchListQuerySchema } from '../../contracts/batch-list';
import { BatchMergeSchema } from '../../contracts/batch-merge';
import { batchSubmissionSchema } from '../../contracts/batch-submission';
import { parseBody } from '../../contracts/parse';
import { MoveTargetsQuerySchema } from '../../contracts/move-targets';
import { PlanEditSchema } from '../../contracts/plan-edits';
import type { BatchStatusView, PlanEditAnswer, PlanView } from '../../contracts/plan-view';
import { getBatch } from '../../db/batches-repo';
import { readBatchTrips, readHeldWorkers } from '../../db/plan-queries';
import type { Principal } from '../../auth/api-keys';
import type { BatchRow } from '../../db/schema';
import { LocalClock } from '../../domain/planning/clock';
import { BadRequestError, UnsupportedMediaTypeError } from '../../errors';
import { decodeText } from '../../intake/decode-text';
import { parseWorkerCsvRows } from '../../intake/parse-csv';
import { listBatches } from '../../services/batch-list';
import { mergeBatches } from '../../services/merge-batches';
import { submitBatch, validSubmission } from '../../services/submit-batch';
import { editPlan } from '../../services/edit-plan';
import { moveTargets } from '../../services/move-targets';
import { assertBatchVisible, parseId } from '../../auth/access';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/auth';
import { streamBatchEvents } from '../sse';
import { planView } from '../views/plan-view';

export const batchStatusView = (b: BatchRow): BatchStatusView => ({
  id: b.id,
  name: b.name,
  status: b.status,
  progress: b.progress,
  revision: b.revision,
  error: b.error,
  counts: { workers: b.worker_count, held: b.held_count, trips: b.trip_count },
  countyCodes: b.county_codes,
  createdAt: b.created_at.toISOString(),
  plannedAt: b.planned_at?.toISOString() ?? null,
  mergedInto: b.merged_into,
});

/**
 * JSON `{name, workers}` (its shape checked by the contract) or a CSV body (UTF-8 with/without BOM, or GB18030);
 * name of a CSV batch from `?name=`, `today` names one sent without it. A CSV's rows are numbered by their line as
 * a spreadsheet shows them (header row 1), JSON workers from 1.
 */
function readSubmission(
  req: Request,
  maxRows: number,
  today: string,
): { name: string; rows: unknown[]; rowNos?: number[] } {
  if (req.is('text/csv') || req.is('application/csv')) {
    const csv = parseWorkerCsvRows(decodeText(req.body as Buffer).text, maxRows);
    return {
      name: typeof req.query.name === 'string' ? req.query.name : `CSV upload ${today}`,
      rows: csv.records,
      rowNos: csv.rowNos,
    };
  }
  if (!req.is('application/json')) throw new UnsupportedMediaTypeError('send application/json or text/csv');
  const body = parseBody(batchSubmissionSchema(maxRows), req.body, { message: 'invalid batch submission' });
  return { name: body.name, rows: body.workers };
}

/** The request's `Idempotency-Key`, trimmed (null when absent); 400 when over 200 characters. */
function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key')?.trim() || null;
  if (key && key.length > 200)
    throw new BadRequestError('Idempotency-Key is at most 200 characters').because('idempotency_key_too_long', {
      max: 200,
    });
  return key;
}

/** The stored plan of a batch as the API shows it. */
async function currentPlan(deps: ApiDeps, batch: BatchRow, viewer: Principal): Promise<PlanView> {
  const [trips, held] = await Promise.all([readBatchTrips(deps.db, batch.id), readHeldWorkers(deps.db, batch.id)]);
  return { status: batch.status, ...planView(batch.id, batch.worker_count, trips, held, viewer, deps.clock.now()) };
}

export function batchRoutes(deps: ApiDeps): Router {
  const localDay = new LocalClock(deps.policies.planner.utcOffsetMin);
  const r = Router();
  const limit = deps.config.MAX_BODY_BYTES;
  r.post(
    '/batches',
    requireRole('dispatcher'),
    express.json({ limit }),
    express.raw({ type: ['text/csv', 'application/csv'], limit }),
    async (req, res) => {
      const key = idempotencyKeyOf(req);
      const { name, rows, rowNos } = readSubmission(req, deps.config.MAX_BATCH_ROWS, localDay.day(deps.clock.now()));
      if (req.query.dryRun === '1' || req.query.dryRun === 'true') {
        // Validation preview: the same checks as a submission, nothing stored or queued.
        const valid = await validSubmission(deps, res.locals.principal, rows, [], rowNos);
        res.json({ valid: true, rows: valid.length, errors: [] });
        return;
      }
      const { batch, replayed } = await submitBatch(deps, res.locals.principal, {
        name,
        rows,
        rowNos,
        idempotencyKey: key,
      });
      res.status(202).location(`/api/v1/batches/${batch.id}`).json({ id: batch.id, status: batch.status, replayed });
    },
  );
  // Several batches planned as one: a new batch takes their workers and is queued; the old ones name it.
  r.post('/batches/merge', requireRole('dispatcher'), express.json(), async (req, res) => {
    const body = parseBody(BatchMergeSchema, req.body, { message: 'invalid batch merge' });
    const answer = await mergeBatches(deps, res.locals.principal, body, idempotencyKeyOf(req));
    res.status(202).location(`/api/v1/batches/${answer.id}`).json(answer);
  });
  // Enterprises see trips bound for their factories, not batches: 403, like any other role refusal.
  r.get('/batches', requireRole('dispatcher', 'finance'), async (req, res) => {
    const q = parseBody(BatchListQuerySchema, req.query, { message: 'invalid batch search' });
    res.json(await listBatches(deps, res.locals.principal, q));
  });
  r.get('/batches/:id', async (req, res) => {
    const batch = await getBatch(deps.db, parseId(req.params.id, 'batch'));
    assertBatchVisible(res.locals.principal, batch);
    res.json(batchStatusView(batch));
  });
  r.get('/batches/:id/events', async (req, res) => {
    const batch = await getBatch(deps.db, parseId(req.params.id, 'batch'));
    assertBatchVisible(res.locals.principal, batch);
    await streamBatchEvents(deps.db, batch.id, req, res);
  });
  r.get('/batches/:id/plan', async (req, res) => {
    const batch = await getBatch(deps.db, parseId(req.params.id, 'batch'));
    assertBatchVisible(res.locals.principal, batch);
    res.json(await currentPlan(deps, batch, res.locals.principal));
  });
  // The trips a passenger may move to, each with its cost: the console offers only these.
  r.get('/batches/:id/plan/move-targets', requireRole('dispatcher'), async (req, res) => {
    const id = parseId(req.params.id, 'batch');
    const q = parseBody(MoveTargetsQuerySchema, req.query, { message: 'invalid move-targets query' });
    res.json(await moveTargets(deps, res.locals.principal, id, q.workerId));
  });
  r.patch('/batches/:id/plan', requireRole('dispatcher'), express.json(), async (req, res) => {
    const id = parseId(req.params.id, 'batch');
    const edit = parseBody(PlanEditSchema, req.body, { message: 'invalid plan edit' });
    const result = await editPlan(deps, res.locals.principal, id, edit);
    const answer: PlanEditAnswer = {
      edit: result,
      ...(await currentPlan(deps, (await getBatch(deps.db, id))!, res.locals.principal)),
    };
    res.json(answer);
  });
  return r;
}
