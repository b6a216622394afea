/**
 * Storing a plan updates every worker row of the batch once, in one transaction: the update must stay on the row's
 * page (no entry written into each of the table's indexes), and a passenger must belong to the batch of its trip.
 */
import { sql } from 'kysely';
import { submitBatch, testPlanning } from '../support/planning-setup';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

type Placed = { id: string; page: string; status: string };
const pagesOf = (db: TestDatabase['db'], batchId: string) =>
  sql<Placed>`
    SELECT id, (ctid::text::point)[0]::text AS page, status FROM batch_workers WHERE batch_id = ${batchId}`
    .execute(db)
    .then((r) => r.rows);

describe('the plan store and the rows it writes', () => {
  let t: TestDatabase;
  let planned: string;
  let before: Placed[];
  let after: Map<string, Placed>;

  beforeAll(async () => {
    t = await createTestDatabase();
    planned = await submitBatch(t.db, 'layout');
    before = await pagesOf(t.db, planned);
    expect(await testPlanning(t.db).plan({ batchId: planned, revision: 1 })).toEqual({ kind: 'stored' });
    after = new Map((await pagesOf(t.db, planned)).map((r) => [r.id, r]));
  });
  afterAll(() => t.drop());

  it('marks every worker planned or held, each row staying on its page', () => {
    const pages = new Set(before.map((r) => r.page));
    // Pages holding several rows, each updated in the one storing transaction: room for them all is what counts.
    expect(before.length / pages.size).toBeGreaterThan(5);
    expect(after.size).toBe(before.length);
    expect([...after.values()].every((r) => r.status === 'planned' || r.status === 'held')).toBe(true);
    const moved = before.filter((r) => after.get(r.id)!.page !== r.page);
    // A page filled to just past the fillfactor may lack room for its last row; at fillfactor 70, 202 of these 368
    // rows moved.
    const movedPerPage = new Map<string, number>();
    for (const r of moved) movedPerPage.set(r.page, (movedPerPage.get(r.page) ?? 0) + 1);
    expect(Math.max(0, ...movedPerPage.values())).toBeLessThanOrEqual(1);
    expect(moved.length / before.length).toBeLessThan(0.05);
  });

  it('refuses a passenger whose batch is not the batch of its trip', async () => {
    const other = await submitBatch(t.db, 'other');
    const trip = await t.db.selectFrom('trips').select('id').where('batch_id', '=', planned).executeTakeFirstOrThrow();
    const worker = await t.db
      .selectFrom('batch_workers')
      .select('id')
      .where('batch_id', '=', other)
      .executeTakeFirstOrThrow();
    const seat = { trip_id: trip.id, worker_id: worker.id, cost_share_fen: 0, worker_share_fen: 0 };
    await expect(
      t.db
        .insertInto('trip_passengers')
        .values({ ...seat, batch_id: other })
        .execute(),
    ).rejects.toThrow(/trip_passengers_trip_batch/);
  });
});
