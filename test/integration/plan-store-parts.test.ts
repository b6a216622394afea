/**
 * A fanned-out plan is stored a part at a time, as children finish, in one transaction: nobody sees a part before the
 * last is in, the batch row stays free for progress meanwhile, a failing part source or a revision that moved on leaves
 * nothing stored, and the stored plan is the one stored whole.
 */
import { sql } from 'kysely';
import { fixedClock } from '../../src/clock';
import { getBatch, setProgress } from '../../src/db/batches-repo';
import { readPlaces } from '../../src/db/reference-repo';
import { greatCircleProvider } from '../../src/domain/geo/distance';
import { planGroup, type GroupResult } from '../../src/domain/planning/group-plan';
import { assemblePlan } from '../../src/domain/planning/plan-assembly';
import type { PlanLeg } from '../../src/domain/planning/plan-schema';
import { loadPolicies } from '../../src/reference/load-fixtures';
import type { PlanningDeps } from '../../src/services/planning/planning';
import { contextFor, loadBatch, storeInParts, toStore } from '../../src/services/planning/stored-batch';
import { submitBatch } from '../support/planning-setup';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { TEST_NOW } from '../support/test-service';
import { withTimeout } from '../../src/with-timeout';

describe('storing a plan a part at a time', () => {
  let t: TestDatabase;
  let deps: PlanningDeps;
  // A database per test: a person is in one batch at a time, and every test submits the sample batch.
  beforeEach(async () => {
    t = await createTestDatabase();
    const policies = loadPolicies();
    deps = {
      db: t.db,
      clock: fixedClock(TEST_NOW),
      places: () => readPlaces(t.db),
      policies,
      distance: async () => greatCircleProvider(policies.planner.detourFactor),
    };
  });
  afterEach(() => t.drop());

  /** A stored batch, loaded, with its groups planned in key order and split into two parts. */
  async function planned(name: string) {
    const batchId = await submitBatch(t.db, name);
    const batch = await loadBatch(deps, { batchId, revision: 1 });
    const ctx = await contextFor(deps, batch.prepared.workers);
    const results = [...batch.prepared.groups].sort((a, b) => (a.key < b.key ? -1 : 1)).map((g) => planGroup(ctx, g));
    expect(results.length).toBeGreaterThanOrEqual(2);
    const half = Math.ceil(results.length / 2);
    // What a parent keeps of the batch once it has fanned out.
    return { batchId, batch: toStore(batch), results, parts: [results.slice(0, half), results.slice(half)] };
  }
  const tripsOf = (batchId: string) =>
    t.db
      .selectFrom('trips')
      .select(['key', 'cost_fen', 'legs', 'label'])
      .where('batch_id', '=', batchId)
      .orderBy('key');

  it('when every part comes, then the plan is stored once and is the one stored whole; nothing shows before', async () => {
    const { batchId, batch, results, parts } = await planned('parts');
    let seenBetween: number | undefined;
    async function* source(): AsyncGenerator<GroupResult[]> {
      yield parts[0];
      // The first part is written, uncommitted: another connection sees no trip, and can still record progress.
      seenBetween = (await tripsOf(batchId).execute()).length;
      await withTimeout(setProgress(t.db, batchId, 50, new Date()), 5_000, 'progress beside the open store');
      yield parts[1];
    }
    expect(await storeInParts(deps, batch, source())).toBe(true);
    expect(seenBetween).toBe(0);

    const whole = assemblePlan(batch.prepared, results);
    const trips = await tripsOf(batchId).execute();
    const vehicleKeys = (legs: unknown) => (legs as PlanLeg[]).map((l) => l.vehicleKey ?? null);
    expect(trips.map((x) => [x.key, Number(x.cost_fen), vehicleKeys(x.legs)])).toEqual(
      whole.trips.map((x) => [x.key, x.costFen, vehicleKeys(x.legs)]),
    );
    expect(trips.every((x) => x.label)).toBe(true);
    const statuses = await t.db
      .selectFrom('batch_workers')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('batch_id', '=', batchId)
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(statuses.map((r) => [r.status, r.n]))).toEqual({
      planned: whole.totals.travelling,
      ...(whole.held.length ? { held: whole.held.length } : {}),
    });
    expect(await getBatch(t.db, batchId)).toMatchObject({ status: 'planned', progress: 100 });
  });

  it('when the part source fails after a part, then nothing is stored and the batch still waits', async () => {
    const { batchId, batch, parts } = await planned('parts-fail');
    async function* source(): AsyncGenerator<GroupResult[]> {
      yield parts[0];
      throw new Error('a child failed for good');
    }
    await expect(storeInParts(deps, batch, source())).rejects.toThrow('a child failed for good');
    expect(await tripsOf(batchId).execute()).toEqual([]);
    const pending = await t.db.selectFrom('batch_workers').select('id').where('batch_id', '=', batchId);
    expect((await pending.where('status', '<>', 'pending').execute()).length).toBe(0);
    expect((await getBatch(t.db, batchId))?.status).toBe('queued');
  });

  it('when the batch is revised while the parts come, then false and nothing is stored', async () => {
    const { batchId, batch, parts } = await planned('parts-stale');
    async function* source(): AsyncGenerator<GroupResult[]> {
      yield parts[0];
      await withTimeout(
        t.db.updateTable('batches').set({ revision: 2 }).where('id', '=', batchId).execute(),
        5_000,
        'revising beside the open store',
      );
      yield parts[1];
    }
    expect(await storeInParts(deps, batch, source())).toBe(false);
    expect(await tripsOf(batchId).execute()).toEqual([]);
    expect(await getBatch(t.db, batchId)).toMatchObject({ revision: 2, status: 'queued' });
  });
});
