import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

type Why = Pick<AppError, 'reason' | 'params'>;
const body = (code: string, message: string, details: unknown = null, why: Why = {}) => ({
  error: {
    code,
    message,
    details,
    ...(why.reason ? { reason: why.reason, params: why.params ?? {} } : {}),
  },
});

/**
 * Maps every error to `{error:{code,message,details}}`, with `reason` and `params` when the error names why
 * (see contracts/error-reasons.ts). The layers below speak the error taxonomy (the db layer translates driver
 * errors, see db/db-errors.ts), so only body-parser errors are recognised here; anything else is a bug: logged,
 * answered 500, never with a stack.
 */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof AppError) {
      const retryAfterS = (err as { retryAfterS?: number }).retryAfterS;
      if (retryAfterS) res.set('Retry-After', String(retryAfterS));
      if (err.status >= 500) log.error({ reqId: res.locals.requestId, err: causeOf(err), path: req.path }, err.message);
      res.status(err.status).json(body(err.code, err.message, err.details ?? null, err));
      return;
    }
    const e = err as BodyParserError;
    if (e?.type === 'entity.too.large')
      return void res
        .status(413)
        .json(body('payload_too_large', 'request body too large', null, { reason: 'body_too_large' }));
    if (e?.type === 'entity.parse.failed')
      return void res
        .status(400)
        .json(body('bad_request', 'body is not valid JSON', null, { reason: 'body_not_json' }));
    if (e?.status && e.status >= 400 && e.status < 500)
      return void res.status(e.status).json(body('bad_request', e.message));
    log.error({ reqId: res.locals.requestId, err: e?.message, stack: e?.stack, path: req.path }, 'unhandled error');
    res.status(500).json(body('internal', 'internal error', null, { reason: 'internal' }));
  };
}

const causeOf = (e: Error): string | undefined => (e.cause instanceof Error ? e.cause.message : undefined);
