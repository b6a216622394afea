import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Maps every error to `{error:{code,message,details}}`; unexpected errors are logged and never show a stack. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof AppError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details ?? null } });
      return;
    }
    const e = err as BodyParserError;
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'request body too large', details: null } });
      return;
    }
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'bad_request', message: 'body is not valid JSON', details: null } });
      return;
    }
    if (e?.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'bad_request', message: e.message, details: null } });
      return;
    }
    const pgCode = (err as { code?: string })?.code;
    if (pgCode === 'P0001' || pgCode === '23505' || pgCode === '23514') {
      // A database rule refused the change (frozen list, one subsidy per person and year, maker ≠ approver).
      res.status(409).json({
        error: {
          code: 'conflict',
          message: pgCode === 'P0001' ? e.message : 'the change conflicts with a rule of the records',
          details: null,
        },
      });
      return;
    }
    const unavailable = isInfrastructureDown(err);
    log.error(
      { reqId: res.locals.requestId, err: e?.message, stack: e?.stack, path: req.path },
      unavailable ? 'dependency unavailable' : 'unhandled error',
    );
    res.status(unavailable ? 503 : 500).json({
      error: unavailable
        ? { code: 'unavailable', message: 'a backing service is unavailable; try again shortly', details: null }
        : { code: 'internal', message: 'internal error', details: null },
    });
  };
}

/** Connection-level failures of PostgreSQL or Redis mean "try later", not "bug". */
function isInfrastructureDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001'].includes(e?.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Stream isn't writeable|Connection is closed/i.test(
      e?.message ?? '',
    )
  );
}
