import type pg from 'pg';
import { AppError, ConflictError, UnavailableError } from '../errors';

/** SQLSTATEs and socket errors that mean "PostgreSQL is away or restarting": retry later. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);
/** pg reports a lost or refused connection with these messages and no code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * The database layer's one translation of driver errors into the error taxonomy, so nothing above it
 * knows SQLSTATEs: a rule of the records refusing a change (a trigger's RAISE, a unique or check constraint)
 * is a conflict that no retry heals; a connection failure or a serialisation conflict is worth retrying.
 * Anything else passes unchanged (a bug: answered 500, retried by jobs).
 */
export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'P0001') return withCause(new ConflictError(err.message).because('records_rule'), err);
  if (code === '23505' || code === '23514')
    return withCause(new ConflictError('the change conflicts with a rule of the records').because('records_rule'), err);
  if (code === '40001' || code === '40P01')
    return new UnavailableError('the records are busy with a concurrent change; try again', { cause: err });
  if (code.startsWith('08') || UNAVAILABLE_CODES.has(code) || UNAVAILABLE_MESSAGES.test(err.message))
    return new UnavailableError('the database is unavailable; try again shortly', { cause: err });
  return err;
}

const withCause = <E extends Error>(e: E, cause: unknown): E => Object.assign(e, { cause });

/**
 * Makes every query of the pool's clients, and every checkout, reject with translated errors; a client losing
 * its server while checked out does not crash the process.
 */
export function translateErrorsOf(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    // A client checked out when its server goes away emits 'error' outside any query; unheard, that event
    // kills the process. Its query (if any) rejects on its own, and the pool drops the broken client.
    client.on('error', () => undefined);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const r = query(...args);
      return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(translateDbError(e))) : r;
    };
  });
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    const r = connect(...args);
    return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(translateDbError(e))) : r;
  };
}
