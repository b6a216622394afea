/**
 * copyRows streams rows by COPY on the connection of a transaction opened by inTransaction: the values come back
 * exactly as given (escapes, NULL, JSON, instants), a violation rolls the whole transaction back, and every
 * transaction hands its connection back to the pool.
 */
import { sql } from 'kysely';
import { copyRows } from '../../src/db/copy-rows';
import { poolOf } from '../../src/db/database';
import { inTransaction } from '../../src/db/unit-of-work';
import { ConflictError } from '../../src/errors';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const COLUMNS = ['id', 'note', 'doc', 'at', 'flag'] as const;

describe('copyRows', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    await sql`CREATE TABLE copy_probe (id int PRIMARY KEY, note text, doc jsonb, at timestamptz, flag boolean)`.execute(
      tdb.db,
    );
  });
  afterAll(() => tdb.drop());
  beforeEach(() => sql`TRUNCATE copy_probe`.execute(tdb.db));

  const stored = () =>
    sql<{ id: number; note: string | null; doc: unknown; at: Date | null; flag: boolean | null }>`
      SELECT * FROM copy_probe ORDER BY id`
      .execute(tdb.db)
      .then((r) => r.rows);

  it('writes text with tabs, newlines, backslashes and CJK, NULLs, JSON and instants as given', async () => {
    const doc = { say: 'a\tb\nc\\d "q"', 名: '张三' };
    const at = new Date('2020-02-20T01:02:03.456Z');
    const written = await inTransaction(tdb.db, (tx) =>
      copyRows(tx, 'copy_probe', COLUMNS, [
        [1, 'tab\there\nnew line\r\\back\\slash', JSON.stringify(doc), at, true],
        [2, null, null, null, false],
        [3, '\\N', '[]', '2020-03-01T00:00:00+08:00', null],
      ]),
    );
    expect(written).toBe(3);
    expect(await stored()).toEqual([
      { id: 1, note: 'tab\there\nnew line\r\\back\\slash', doc, at, flag: true },
      { id: 2, note: null, doc: null, at: null, flag: false },
      { id: 3, note: '\\N', doc: [], at: new Date('2020-02-29T16:00:00Z'), flag: null },
    ]);
  });

  it('streams many rows in chunks', async () => {
    const rows = Array.from({ length: 5_003 }, (_, i) => [i, `n${i}`, null, null, i % 2 === 0] as const);
    expect(await inTransaction(tdb.db, (tx) => copyRows(tx, 'copy_probe', COLUMNS, rows))).toBe(5_003);
    const [{ n, odd }] = (
      await sql<{ n: number; odd: number }>`
        SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT flag)::int AS odd FROM copy_probe`.execute(tdb.db)
    ).rows;
    expect({ n, odd }).toEqual({ n: 5_003, odd: 2_501 });
  });

  it('rolls the whole transaction back on a violation, translated like any statement', async () => {
    const failed = inTransaction(tdb.db, async (tx) => {
      await sql`INSERT INTO copy_probe (id) VALUES (100)`.execute(tx);
      await copyRows(tx, 'copy_probe', COLUMNS, [
        [7, 'a', null, null, null],
        [7, 'b', null, null, null],
      ]);
    });
    await expect(failed).rejects.toBeInstanceOf(ConflictError);
    expect(await stored()).toEqual([]);
  });

  it('refuses a row of the wrong width, a bad identifier and a transaction it does not know', async () => {
    await expect(inTransaction(tdb.db, (tx) => copyRows(tx, 'copy_probe', COLUMNS, [[1, 'a']]))).rejects.toThrow(
      'a COPY row has 2 fields, expected 5',
    );
    await expect(inTransaction(tdb.db, (tx) => copyRows(tx, 'copy_probe; DROP', ['id'], [[1]]))).rejects.toThrow(
      'bad identifier',
    );
    await expect(tdb.db.transaction().execute((tx) => copyRows(tx, 'copy_probe', ['id'], [[1]]))).rejects.toThrow(
      'copyRows needs a transaction opened by inTransaction',
    );
    expect(await stored()).toEqual([]);
  });

  it('returns each connection to the pool and leaves no listener behind', async () => {
    const pool = poolOf(tdb.db);
    for (let i = 0; i < 30; i++)
      await inTransaction(tdb.db, (tx) => copyRows(tx, 'copy_probe', COLUMNS, [[i, null, null, null, null]]));
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inTransaction(tdb.db, (tx) => sql`SELECT ${i}::int AS i`.execute(tx)).catch(() => undefined),
      ),
    );
    expect(pool.totalCount).toBeLessThanOrEqual(4);
    expect(pool.waitingCount).toBe(0);
    expect(pool.idleCount).toBe(pool.totalCount);
    const client = await pool.connect();
    try {
      // translateErrorsOf's own listener only.
      expect(client.listenerCount('error')).toBe(1);
    } finally {
      client.release();
    }
    expect((await stored()).length).toBe(30);
  });
});
