/**
 * SIGTERM to a process running the API and a worker: it stops accepting connections at once, the
 * in-flight request and the in-flight planning job both finish, and then the process exits 0.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import IORedis from 'ioredis';
import placesJson from '../../fixtures/places.json';
import { api } from '../support/http';
import {
  Fatal,
  newKey,
  poll,
  spawnService,
  storedPlanViolations,
  syntheticRows,
  type ServiceProcess,
} from '../support/fault-services';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { clearPrefix, REDIS_URL } from '../support/test-service';

const ALL_COUNTIES = placesJson.counties.map((c) => c.code);

/**
 * Sends headers with `Expect: 100-continue`, resolves once the server has accepted them; the body follows on `send()`.
 */
function openRequest(base: string, key: string, path: string, body: string) {
  const url = new URL(path, base);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
      connection: 'close',
    },
  });
  const response = new Promise<{ status: number; json: any }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  const accepted = new Promise<void>((resolve) => req.on('continue', () => resolve()));
  req.flushHeaders();
  return { accepted, response, send: () => req.end(body) };
}

const refused = (base: string) =>
  fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
    () => false,
    (e: { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED',
  );

describe('SIGTERM', () => {
  let tdb: TestDatabase;
  let svc: ServiceProcess | undefined;
  let next: ServiceProcess | undefined;
  const prefix = `p2pfault${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await svc?.kill();
    await next?.kill();
    await clearPrefix(prefix);
    await tdb?.drop();
  });

  it('when the process is told to stop, then it refuses new connections, finishes the in-flight request and jobs, and exits 0', async () => {
    svc = await spawnService('both', {
      DATABASE_URL: tdb.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      MAX_BATCH_ROWS: '50000',
      WORKER_CONCURRENCY: '1',
    });
    const key = await newKey(tdb.db, 'dispatcher', ALL_COUNTIES);
    const big = await api(svc.base, key, 'POST', '/api/v1/batches', {
      name: 'in-flight job',
      workers: syntheticRows(24_000),
    });
    expect(big.status).toBe(202);
    const batchRow = (id: string) =>
      tdb.db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await poll(
      'the job to start planning',
      async () => (await batchRow(big.json.id)).status === 'planning',
      60_000,
      10,
    );

    const inFlight = openRequest(
      svc.base,
      key,
      '/api/v1/batches',
      JSON.stringify({ name: 'in-flight request', workers: syntheticRows(20, { offset: 30_000 }) }),
    );
    await inFlight.accepted; // the server is handling the request; its body has not been sent yet

    svc.signal('SIGTERM');
    await poll('new connections to be refused', () => refused(svc!.base), 30_000, 20);
    expect(svc.proc.exitCode).toBeNull(); // still running: work is in flight
    expect((await batchRow(big.json.id)).status).toBe('planning'); // the job is still going

    inFlight.send();
    const answer = await inFlight.response;
    expect(answer.status).toBe(202);

    const exit = await Promise.race([svc.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000).unref())]);
    expect(exit).toEqual({ code: 0, signal: null });

    // Every job this process was running finished before it exited: none is left active (to stall),
    // none failed. (A fanned-out batch may still have group jobs waiting; they are not lost.)
    const redis = new IORedis(REDIS_URL);
    try {
      expect(await redis.llen(`${prefix}:planning:active`)).toBe(0);
    } finally {
      redis.disconnect();
    }
    expect(svc.logs.filter((l) => l.msg === 'planning job failed')).toEqual([]);
    // 'stopped' is the last word of the shutdown; a request's own access-log line may land just after it.
    const msgs = svc.logs.map((l) => l.msg);
    expect(msgs).toContain('stopped');
    expect(msgs.slice(msgs.lastIndexOf('stopped') + 1).filter((m) => m !== 'request completed')).toEqual([]);
    // Whatever was left in the queue is finished by the next worker, with exactly one set of trips.
    next = await spawnService('runner', { DATABASE_URL: tdb.url, REDIS_URL, QUEUE_PREFIX: prefix });
    await poll(
      'the batch to be planned',
      async () => {
        const b = await batchRow(big.json.id);
        if (b.status === 'failed') throw new Fatal(`batch failed: ${b.error}`);
        return b.status === 'planned';
      },
      60_000,
      100,
    );
    expect(await storedPlanViolations(tdb.db, big.json.id)).toEqual([]);
    // The request that was in flight was stored whole.
    const late = await batchRow(answer.json.id);
    expect(late.worker_count).toBe(20);
  }, 120_000);
});
