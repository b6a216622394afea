/**
 * Two worker processes (and the API) on one queue: 50 batches submitted at once are each planned exactly
 * once, with no batch planned twice or left behind.
 */
import { randomBytes } from 'node:crypto';
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

const BATCHES = 50;
const ALL_COUNTIES = placesJson.counties.map((c) => c.code);

describe('several workers on one queue', () => {
  let tdb: TestDatabase;
  const procs: ServiceProcess[] = [];
  const prefix = `p2pfault${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await clearPrefix(prefix);
    await tdb?.drop();
  });

  it(`when ${BATCHES} batches arrive at once, then each is planned exactly once`, async () => {
    const env = { DATABASE_URL: tdb.url, REDIS_URL, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '2' };
    const [apiProc, ...workers] = await Promise.all([
      spawnService('api', env),
      spawnService('runner', env),
      spawnService('runner', env),
    ]);
    procs.push(apiProc, ...workers);
    const key = await newKey(tdb.db, 'dispatcher', ALL_COUNTIES);

    const answers = await Promise.all(
      Array.from({ length: BATCHES }, (_, b) =>
        api(apiProc.base, key, 'POST', '/api/v1/batches', {
          name: `concurrent ${b}`,
          workers: syntheticRows(40 + (b % 5) * 30, { offset: b * 1000 }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(BATCHES).fill(202));
    const ids = answers.map((a) => a.json.id as string);
    expect(new Set(ids).size).toBe(BATCHES);

    await poll(
      'every batch to be planned',
      async () => {
        const rows = await tdb.db
          .selectFrom('batches')
          .select(['id', 'status', 'error'])
          .where('id', 'in', ids)
          .execute();
        const failed = rows.find((r) => r.status === 'failed');
        if (failed) throw new Fatal(`batch ${failed.id} failed: ${failed.error}`);
        return rows.length === BATCHES && rows.every((r) => r.status === 'planned');
      },
      120_000,
      250,
    );

    const plannedLines = () =>
      workers.flatMap((w, i) =>
        w.logs.filter((l) => l.msg === 'batch planned').map((l) => ({ worker: i, batchId: l.batchId as string })),
      );
    const logs = await poll(
      'a planned line for every batch',
      () => {
        const lines = plannedLines();
        return ids.every((id) => lines.some((l) => l.batchId === id)) && lines;
      },
      5000,
      20,
    );
    for (const id of ids) {
      expect({ id, planned: logs.filter((l) => l.batchId === id).length }).toEqual({ id, planned: 1 });
      expect({ id, violations: await storedPlanViolations(tdb.db, id) }).toEqual({ id, violations: [] });
    }
    // The work really was shared.
    expect(new Set(logs.map((l) => l.worker)).size).toBe(2);
  }, 170_000);
});
