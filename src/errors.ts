import { NotFoundThing, type ErrorParams, type ErrorReason } from './contracts/error-reasons';
import type { RowError } from './domain/batch/row-error';

/**
 * A small error taxonomy: each class carries a stable code, its HTTP status (mapped in one middleware) and
 * whether the work that met it should be tried again (a job processor turns a non-retryable error into
 * BullMQ's UnrecoverableError). Bad input and broken rules never heal by retrying; a backing service that is
 * away does.
 */
export class AppError extends Error {
  /** Why, as a stable machine reason the console words in the reader's language (see contracts/error-reasons). */
  reason?: ErrorReason;
  /** What the reason's words are filled with. */
  params?: ErrorParams;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryable = false,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Names the reason and its facts; returns the error, so `throw new XError(…).because(…)` reads as one. */
  because(reason: ErrorReason, params: ErrorParams = {}): this {
    this.reason = reason;
    this.params = params;
    return this;
  }
}

export type { RowError };

export class ValidationError extends AppError {
  constructor(message: string, details?: RowError[] | unknown) {
    super(422, 'validation_failed', message, details);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'missing or invalid API key') {
    super(401, 'unauthorized', message);
    this.because('key_invalid');
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string, details?: unknown) {
    super(403, 'forbidden', message, details);
  }
}
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
    // The thing is the name before any id (`batch 42` is a batch).
    const thing = NotFoundThing.safeParse(what.replace(/ [^ ]*\d[^ ]*$/, ''));
    this.because('not_found', { thing: thing.success ? thing.data : 'other' });
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}

/** A backing service (PostgreSQL, Redis, a distance server) did not answer: try again shortly. */
export class UnavailableError extends AppError {
  constructor(message = 'a backing service is unavailable; try again shortly', options?: { cause?: unknown }) {
    super(503, 'unavailable', message, undefined, true);
    this.because('unavailable');
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** Whether the work that met `err` may succeed when tried again: app errors say so; unknown errors may be transient. */
export const isRetryable = (err: unknown): boolean => (err instanceof AppError ? err.retryable : true);
