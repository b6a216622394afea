import { createApiKey } from '../../src/auth/api-keys';
import { api } from '../support/http';
import { workerRow } from '../support/sample';
import { startTestService, waitFor, type TestService } from '../support/test-service';

describe('operations endpoints', () => {
  let svc: TestService;
  beforeAll(async () => (svc = await startTestService({ env: { RATE_LIMIT_PER_MIN: '5' } })));
  afterAll(() => svc.stop());

  it('when PostgreSQL and Redis answer, then /healthz and /readyz are 200', async () => {
    expect((await api(svc.base, null, 'GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await api(svc.base, null, 'GET', '/readyz')).json).toEqual({
      status: 'ready',
      checks: { postgres: 'ok', redis: 'ok' },
    });
  });

  it('when a batch was planned, then /metrics shows request latency, queue depth and job durations', async () => {
    const key = await svc.key('dispatcher', ['140222']);
    const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name: 'm', workers: [workerRow(1)] });
    await waitFor(
      'planned',
      async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${r.json.id}`)).json.status === 'planned',
    );
    const text = (await api(svc.base, null, 'GET', '/metrics')).text;
    expect(text).toMatch(
      /p2p_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/batches",status="202"\} 1/,
    );
    expect(text).toMatch(/p2p_queue_jobs\{state="completed"\} \d+/);
    expect(text).toMatch(/p2p_planning_job_duration_seconds_count\{outcome="stored"\} \d+/);
  });

  it('when a key has expired or is revoked, then it is refused with 401', async () => {
    // Expiry is judged by the service's clock, not the machine's.
    const expiresAt = new Date(svc.clock.now().getTime() + 60_000);
    const expiring = await createApiKey(svc.tdb.db, 'finance', ['140222'], 'old', expiresAt);
    expect((await api(svc.base, expiring.key, 'GET', '/api/v1/me')).status).toBe(200);
    const expired = await createApiKey(
      svc.tdb.db,
      'finance',
      ['140222'],
      'older',
      new Date(expiresAt.getTime() - 61_000),
    );
    expect((await api(svc.base, expired.key, 'GET', '/api/v1/me')).status).toBe(401);
    const revoked = await createApiKey(svc.tdb.db, 'finance', ['140222'], 'gone');
    await svc.tdb.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', revoked.id).execute();
    expect((await api(svc.base, revoked.key, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('when a key sends more than its budget a minute, then it gets 429 and responses carry security headers', async () => {
    const key = await svc.key('finance', ['140222']);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api(svc.base, key, 'GET', '/api/v1/subsidies')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const other = await svc.key('finance', ['140222']);
    expect((await api(svc.base, other, 'GET', '/api/v1/me')).headers.get('ratelimit')).toMatch(
      /^limit=5, remaining=4, reset=\d+$/,
    );
    const r = await api(svc.base, key, 'GET', '/api/v1/me');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('a worker-only process', () => {
  it('when WORKER_HEALTH_PORT is set, then it serves /healthz and its own /metrics', async () => {
    const svc = await startTestService({ api: false, env: { WORKER_HEALTH_PORT: '0' } });
    try {
      const base = `http://127.0.0.1:${svc.rt.healthPort}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/p2p_planning_job_failures_total/);
    } finally {
      await svc.stop();
    }
  });
});
