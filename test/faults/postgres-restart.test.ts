/**
 * Fault: PostgreSQL (a private throwaway cluster) stops and starts again under a running API + worker.
 * While it is down, requests answer 503 promptly (never 500, never a hang); afterwards the same
 * processes serve and plan again without being restarted.
 */
import { randomBytes } from 'node:crypto';
import { withTimeout } from '../../src/with-timeout';
import { api } from '../support/http';
import {
  dropDatabase,
  newKey,
  poll,
  prepareDatabase,
  spawnService,
  startPrivatePostgres,
  storedPlanViolations,
  syntheticRows,
  type PrivatePostgres,
  type ServiceProcess,
} from '../support/fault-services';
import { clearPrefix, REDIS_URL } from '../support/test-service';
import type { Database } from '../../src/db/database';

/** A request must answer (any status) well within this; a hang fails the test. */
const timed = <T>(what: string, p: Promise<T>, ms = 8000): Promise<T> => withTimeout(p, ms, what);

describe('PostgreSQL restarted under a running service', () => {
  let pgp: PrivatePostgres;
  let db: Database;
  let svc: ServiceProcess | undefined;
  const prefix = `p2pfault${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    pgp = await startPrivatePostgres();
    db = await prepareDatabase(pgp.urlFor('p2p_fault'));
  });
  afterAll(async () => {
    await svc?.kill();
    await db?.destroy();
    await dropDatabase(pgp.adminUrl, 'p2p_fault').catch(() => undefined);
    await pgp?.destroy();
    await clearPrefix(prefix);
  });

  it('when PostgreSQL is down, then requests get 503 at once; when it is back, the same process serves and plans again', async () => {
    svc = await spawnService('both', { DATABASE_URL: pgp.urlFor('p2p_fault'), REDIS_URL, QUEUE_PREFIX: prefix });
    const key = await newKey(db, 'dispatcher', ['140222', '140225']);
    // Never used before the outage, so the API must look it up in PostgreSQL (keys are cached for 5 s once seen).
    const freshKey = await newKey(db, 'dispatcher', ['140222']);
    const first = await api(svc.base, key, 'POST', '/api/v1/batches', {
      name: 'before',
      workers: syntheticRows(100, { counties: ['140222'] }),
    });
    expect(first.status).toBe(202);
    const status = async (id: string) => (await api(svc!.base, key, 'GET', `/api/v1/batches/${id}`)).json?.status;
    await poll('the first batch to be planned', async () => (await status(first.json.id)) === 'planned', 60_000);

    await pgp.stop('fast'); // terminates every server connection, as a restart does

    const started = Date.now();
    const down = {
      read: await timed('read', api(svc.base, key, 'GET', `/api/v1/batches/${first.json.id}`)),
      plan: await timed('plan', api(svc.base, key, 'GET', `/api/v1/batches/${first.json.id}/plan`)),
      submit: await timed(
        'submit',
        api(svc.base, key, 'POST', '/api/v1/batches', {
          name: 'while down',
          workers: syntheticRows(10, { offset: 500, counties: ['140222'] }),
        }),
      ),
      me: await timed('me', api(svc.base, freshKey, 'GET', '/api/v1/me')),
    };
    for (const [what, r] of Object.entries(down)) {
      expect({ what, status: r.status, error: r.json?.error }).toEqual({
        what,
        status: 503,
        error: { code: 'unavailable', reason: 'unavailable', params: {}, message: expect.any(String), details: null },
      });
    }
    const ready = await timed('readyz', api(svc.base, null, 'GET', '/readyz'));
    expect(ready.status).toBe(503);
    expect(ready.json.checks).toEqual({ postgres: 'down', redis: 'ok' });
    expect((await timed('healthz', api(svc.base, null, 'GET', '/healthz'))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(20_000);

    await pgp.start();

    // Same process, no restart: reads, readiness and a new submission all work again.
    const back = await poll(
      'reads to work again',
      async () => {
        const r = await api(svc!.base, key, 'GET', `/api/v1/batches/${first.json.id}`);
        return r.status === 200 ? r : null;
      },
      30_000,
      200,
    );
    expect(back.json.status).toBe('planned');
    await poll('readyz to be 200', async () => (await api(svc!.base, null, 'GET', '/readyz')).status === 200, 20_000);
    const second = await api(svc.base, key, 'POST', '/api/v1/batches', {
      name: 'after',
      workers: syntheticRows(50, { offset: 1000, counties: ['140225'] }),
    });
    expect(second.status).toBe(202);
    await poll('the second batch to be planned', async () => (await status(second.json.id)) === 'planned', 60_000);
    expect(await storedPlanViolations(db, second.json.id)).toEqual([]);

    expect(svc.proc.exitCode).toBeNull(); // never crashed
    await svc.logsRead();
    expect(svc.logs.filter((l) => l.url && l.status === 500)).toEqual([]);
    expect(svc.logs.filter((l) => l.url && l.status === 503).length).toBeGreaterThan(0);
    expect(svc.logs.filter((l) => l.msg === 'unhandled error')).toEqual([]);
  }, 150_000);
});
