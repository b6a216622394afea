import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string;
  }
}

/**
 * Gives each request an id (the caller's `X-Request-Id`, or a new one), sends it back, and writes one
 * line when the response is done: id, method, path (never the query string), status and milliseconds;
 * at warn level for 4xx, error for 5xx, and for a client that hung up before the answer.
 */
export function accessLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && given ? given.slice(0, 100) : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    const line = () => ({
      reqId: id,
      method: req.method,
      url: req.originalUrl.split('?')[0],
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    res.on('close', () => {
      if (!res.writableFinished) log.warn(line(), 'request aborted');
      else if (res.statusCode >= 500) log.error(line(), 'request failed');
      else if (res.statusCode >= 400) log.warn(line(), 'request completed');
      else log.info(line(), 'request completed');
    });
    next();
  };
}
