import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { createApiKey } from '../../src/auth/api-keys';
import { fixedClock } from '../../src/clock';
import { insertBatch } from '../../src/db/batches-repo';
import { readPlaces } from '../../src/db/reference-repo';
import type { WorkerRow } from '../../src/domain/batch/worker-row';
import { greatCircleProvider } from '../../src/domain/geo/distance';
import { loadPolicies } from '../../src/reference/load-fixtures';
import { createPlanning, type PlanningDeps } from '../../src/services/planning/planning';
import { sampleRows } from './sample';
import { createTestDatabase, testCipher, type TestDatabase } from './test-db';
import { clearPrefix, REDIS_URL, TEST_NOW } from './test-service';

/** Stores a batch as a dispatcher of `counties` would (the sample batch by default); answers its id. */
export async function submitBatch(
  db: TestDatabase['db'],
  name: string,
  workers: WorkerRow[] = sampleRows(),
  counties: string[] = ['140222'],
): Promise<string> {
  const key = await createApiKey(db, 'dispatcher', counties);
  const batch = await insertBatch(
    db,
    { name, createdBy: key.id, idempotencyKey: null, countyCodes: counties, workers },
    testCipher,
    fixedClock(TEST_NOW).now(),
  );
  return batch!.id;
}

/** The planning use case on a test database: the fixtures' policies, great-circle distances, the test clock. */
export function testPlanning(db: TestDatabase['db'], over: Partial<PlanningDeps> = {}) {
  const policies = loadPolicies();
  return createPlanning({
    db,
    clock: fixedClock(TEST_NOW),
    places: () => readPlaces(db),
    policies,
    distance: async () => greatCircleProvider(policies.planner.detourFactor),
    ...over,
  });
}

/** A test database and a Redis key prefix of their own, cleared after the suite; call in a describe block. */
export function queueSuite(tag: string) {
  const scope = {
    t: undefined as unknown as TestDatabase,
    prefix: `p2p${tag}${randomBytes(4).toString('hex')}`,
    conn: new IORedis(REDIS_URL, { maxRetriesPerRequest: null }),
  };
  beforeAll(async () => (scope.t = await createTestDatabase()));
  afterAll(async () => {
    await clearPrefix(scope.prefix);
    scope.conn.disconnect();
    await scope.t.drop();
  });
  return scope;
}
