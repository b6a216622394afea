import { translateDbError } from '../../../src/db/db-errors';
import { ConflictError, isRetryable, UnavailableError } from '../../../src/errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('translateDbError', () => {
  it('when a trigger refuses a change, then it is a conflict with its message and not retryable', () => {
    const e = translateDbError(pgError('P0001', 'subsidy list 7 is approved, it cannot change'));
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).message).toBe('subsidy list 7 is approved, it cannot change');
    expect(isRetryable(e)).toBe(false);
  });

  it('when a unique or check constraint refuses a row, then it is a conflict that names no constraint', () => {
    for (const code of ['23505', '23514']) {
      const e = translateDbError(pgError(code, 'duplicate key value violates unique constraint "subsidies_once"'));
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as Error).message).not.toMatch(/subsidies_once/);
    }
  });

  it('when the server is away or restarting, then it is unavailable and retryable', () => {
    for (const e of [pgError('57P01'), pgError('08006'), pgError('ECONNREFUSED'), new Error('Connection terminated')]) {
      const t = translateDbError(e);
      expect(t).toBeInstanceOf(UnavailableError);
      expect(isRetryable(t)).toBe(true);
      expect((t as Error).cause).toBe(e);
    }
  });

  it('when the error is a bug (a syntax error), then it passes unchanged', () => {
    const e = pgError('42601');
    expect(translateDbError(e)).toBe(e);
  });
});
