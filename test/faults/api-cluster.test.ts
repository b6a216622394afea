/**
 * `start:api` with API_PROCESSES=2: two API processes answer on one port, /metrics on either one counts
 * the requests of both, a killed process is replaced, and SIGTERM stops them all.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { newKey, poll, spawnService, type ServiceProcess } from '../support/fault-services';
import { childPids } from '../support/proc-tree';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { clearPrefix, REDIS_URL } from '../support/test-service';

/** A GET on a connection of its own, so the cluster hands each request to the next process. */
const get = (base: string, path: string, key: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: false, headers: { authorization: `Bearer ${key}`, ...headers } }, (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (text += c))
          .on('end', () => resolve({ status: res.statusCode!, text }));
      })
      .on('error', reject);
  });

/**
 * Bounds for waiting on events: generous, because a busy 2-core machine may take tens of seconds to start
 * two node processes; a healthy run waits on the events themselves, not on these bounds.
 */
const BUSY_MACHINE_MS = 120_000;

describe('an API cluster', () => {
  let tdb: TestDatabase;
  let svc: ServiceProcess | undefined;
  const prefix = `p2pfault${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await svc?.kill();
    await clearPrefix(prefix);
    await tdb?.drop();
  });

  it(
    'when run on two processes, then both serve one port, metrics cover both, a killed one is replaced and SIGTERM stops all',
    async () => {
      svc = await spawnService('api', { DATABASE_URL: tdb.url, REDIS_URL, QUEUE_PREFIX: prefix, API_PROCESSES: '2' });
      const listening = () => svc!.logs.filter((l) => l.msg === 'API listening');
      await poll('two API processes listening', async () => listening().length === 2, BUSY_MACHINE_MS, 50);
      const workers = listening().map((l) => Number(l.pid));
      expect(new Set(workers).size).toBe(2);
      expect(childPids(svc.pid)).toEqual(expect.arrayContaining(workers));

      const key = await newKey(tdb.db, 'admin', []);
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(svc!.base, '/api/v1/me', key)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      // Access lines leave each process in blocks, within 100 ms.
      const lines = await poll(
        '20 access lines',
        () => {
          const seen = svc!.logs.filter((l) => l.url === '/api/v1/me');
          return seen.length === 20 && seen;
        },
        BUSY_MACHINE_MS,
        20,
      );
      expect(new Set(lines.map((l) => l.pid)).size).toBe(2);
      for (const l of lines)
        expect(l).toMatchObject({
          msg: 'request completed',
          method: 'GET',
          status: 200,
          reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          ms: expect.any(Number),
        });
      await get(svc.base, '/api/v1/batches/not-a-uuid?secret=1', key, { 'x-request-id': 'gate-7-trace' });
      const traced = await svc.waitForLog('the traced request', (l) => l.reqId === 'gate-7-trace');
      expect(traced).toMatchObject({
        msg: 'request completed',
        level: 40,
        url: '/api/v1/batches/not-a-uuid',
        status: 404,
      });
      const metrics = await get(svc.base, '/metrics', key);
      expect(metrics.text).toMatch(
        /p2p_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/me",status="200"\} 20\b/,
      );
      expect(metrics.text).toMatch(/p2p_queue_jobs\{state="waiting"\} 0/);

      process.kill(workers[0], 'SIGKILL');
      await svc.waitForLog('the replacement', (l) => l.msg === 'API process died; starting another');
      expect((await get(svc.base, '/healthz', key)).status).toBe(200); // the other process answers meanwhile
      await poll('a third API process listening', async () => listening().length === 3, BUSY_MACHINE_MS, 50);
      const now = [workers[1], Number(listening()[2].pid)];
      expect(childPids(svc.pid)).toEqual(expect.arrayContaining(now));
      expect(childPids(svc.pid)).not.toContain(workers[0]);

      svc.signal('SIGTERM');
      expect(await svc.exited).toEqual({ code: 0, signal: null });
      for (const pid of now) expect(() => process.kill(pid, 0)).toThrow();
    },
    4 * BUSY_MACHINE_MS,
  );
});
