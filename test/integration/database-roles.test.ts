/**
 * Least privilege in PostgreSQL: the service connects as the app role (DATABASE_URL), which owns nothing;
 * the owner's step (DATABASE_OWNER_URL) creates, migrates and grants. Every other integration test runs its
 * service as the app role too (test/support/test-db.ts), so they prove the grants suffice.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/config/env';
import { createDatabase, databaseName, migrate, queryPrepared, type Database } from '../../src/db/database';
import { protectLegacyRows } from '../../src/db/protect-legacy-rows';
import { deleteList, insertDraftList, setListSubsidies, updateList } from '../../src/db/subsidy-lists-repo';
import { inTransaction } from '../../src/db/unit-of-work';
import { createLogger } from '../../src/logger';
import { setUpDatabase } from '../../src/db/database-setup';
import { openDatabase } from '../../src/runtime';
import { appUrlFor, PG_ADMIN_URL, TEST_APP_ROLE, testCipher } from '../support/test-db';
import { startTestService, type TestService } from '../support/test-service';

const silent = createLogger('silent');
const DATA_KEY = randomBytes(32).toString('base64');

/** Runs `text` as the app role; answers the SQLSTATE it fails with, or 'ok'. */
async function asApp(url: string, text: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await c.end();
  }
}

/**
 * Rows arranged as the owner: a subsidy list that went through approval and payment with two subsidies (one of a
 * worker stored before encryption, clear text still in id_hash and phone_enc), and a payable subsidy beside it.
 */
async function arrangePaidList(db: Database) {
  const q = async <T>(s: RawBuilder<T>) => (await s.execute(db)).rows;
  const [maker, approver] = await q<{ id: string }>(sql`
    INSERT INTO api_keys (key_hash, prefix, role, scopes)
    VALUES ('h-maker', 'p2p_fin', 'finance', '{140222}'), ('h-approver', 'p2p_fin', 'finance', '{140222}') RETURNING id`);
  const [batch] = await q<{ id: string }>(sql`
    INSERT INTO batches (name, created_by, county_codes, status) VALUES ('paid', ${maker.id}, '{140222}', 'planned')
    RETURNING id`);
  const workers = await q<{ id: string; id_hash: string; id_enc: string | null }>(sql`
    INSERT INTO batch_workers (batch_id, row_no, name, id_hash, id_enc, id_masked, phone_enc, phone_masked, county_code,
      village, lon, lat, factory_id, health_code, earliest_departure, status)
    SELECT ${batch.id}, n, '工人' || n, CASE WHEN n = 3 THEN '14022219900307001X' ELSE 'hash-' || n END,
      CASE WHEN n = 3 THEN NULL ELSE 'enc-' || n END, CASE WHEN n = 3 THEN NULL ELSE 'masked' END,
      CASE WHEN n = 3 THEN '13800000000' ELSE 'phone-enc' END, CASE WHEN n = 3 THEN NULL ELSE 'phone-masked' END,
      '140222', '玉泉镇', 114.091, 40.42, 'ningbo-beilun-electronics', 'green', '2027-03-02T06:00:00+08:00', 'planned'
    FROM generate_series(1, 3) n ORDER BY n RETURNING id, id_hash, id_enc`);
  const [trip] = await q<{ id: string }>(sql`
    INSERT INTO trips (batch_id, key, mode, vehicle_type_id, capacity, seats_used, county_code, factory_id, depart_at,
      arrive_at, distance_m, cost_fen, mode_reason, legs)
    VALUES (${batch.id}, 'T1', 'bus', 'coach-45', 45, 3, '140222', 'ningbo-beilun-electronics',
      '2027-03-02T06:00:00+08:00', '2027-03-03T06:00:00+08:00', 1000000, 300000, 'test', '[]') RETURNING id`);
  const [paid, payable, legacy] = await q<{ id: string }>(sql`
    INSERT INTO subsidies (worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at,
      cost_share_fen, worker_share_fen, cap_fen, amount_fen, status)
    SELECT w.id, w.id_hash, w.id_enc, 2027, '140222', ${batch.id}, ${trip.id}, '2027-03-03T06:00:00+08:00',
      100000, 100000, 80000, 80000, 'payable'
    FROM unnest(${workers.map((w) => w.id)}::uuid[], ${workers.map((w) => w.id_hash)}::text[],
                ${workers.map((w) => w.id_enc)}::text[]) WITH ORDINALITY AS w(id, id_hash, id_enc, n)
    ORDER BY w.n RETURNING id`);
  const [list] = await q<{ id: string }>(sql`
    INSERT INTO subsidy_lists (county_code, created_by) VALUES ('140222', ${maker.id}) RETURNING id`);
  const onList = [paid.id, legacy.id];
  await q(sql`UPDATE subsidies SET status = 'listed' WHERE id = ANY(${onList}::uuid[])`);
  await q(sql`INSERT INTO subsidy_list_items (list_id, subsidy_id, amount_fen)
    SELECT ${list.id}, id, 80000 FROM unnest(${onList}::uuid[]) id`);
  await q(sql`UPDATE subsidy_lists SET status = 'approved', item_count = 2, total_fen = 160000, approved_by = ${approver.id},
    approved_at = now() WHERE id = ${list.id}`);
  await q(
    sql`UPDATE subsidy_lists SET status = 'paid', paid_by = ${maker.id}, paid_at = now(), payment_reference = 'GK-0001'
      WHERE id = ${list.id}`,
  );
  await q(sql`UPDATE subsidies SET status = 'paid' WHERE id = ANY(${onList}::uuid[])`);
  return {
    list: list.id,
    paid: paid.id,
    payable: payable.id,
    paidWorker: workers[0].id,
    maker: maker.id,
    approver: approver.id,
  };
}

describe('the app role the service connects as', () => {
  let svc: TestService;
  let rows: Awaited<ReturnType<typeof arrangePaidList>>;
  beforeAll(async () => {
    svc = await startTestService({ runner: false });
    rows = await arrangePaidList(svc.tdb.db);
  });
  afterAll(() => svc?.stop());

  it('when the service runs, then its query-builder and fixed-statement connections are the app role, no superuser', async () => {
    const who = sql<{ user: string; superuser: boolean }>`
      SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`;
    expect((await who.execute(svc.rt.db)).rows).toEqual([{ user: TEST_APP_ROLE, superuser: false }]);
    const fixed = await queryPrepared(
      svc.rt.db,
      'test-who',
      'SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
      [],
    );
    expect(fixed).toEqual([{ user: TEST_APP_ROLE, superuser: false }]);
  });

  it('when it tries to rewrite the audit log, truncate, disable triggers, drop or create tables or roles, then PostgreSQL refuses', async () => {
    const url = svc.tdb.url;
    const tables = (
      await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(
        svc.tdb.db,
      )
    ).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'subsidies', 'subsidy_lists', 'batch_workers']));
    const attempts: Record<string, string> = {
      'audit insert': `INSERT INTO audit_log (action, entity, entity_id) VALUES ('test', 'test', '1')`,
      'audit update': `UPDATE audit_log SET action = 'rewritten'`,
      'audit delete': `DELETE FROM audit_log`,
      'disable trigger': `ALTER TABLE subsidies DISABLE TRIGGER USER`,
      'disable list trigger': `ALTER TABLE subsidy_list_items DISABLE TRIGGER subsidy_list_items_frozen`,
      'skip triggers': `SET session_replication_role = replica`,
      'drop table': `DROP TABLE audit_log`,
      'create table': `CREATE TABLE public.mine (x int)`,
      'create role': `CREATE ROLE intruder LOGIN SUPERUSER`,
      'take ownership': `ALTER TABLE subsidies OWNER TO ${TEST_APP_ROLE}`,
      'migration bookkeeping': `DELETE FROM kysely_migration`,
      ...Object.fromEntries(tables.map((t) => [`truncate ${t}`, `TRUNCATE ${t} CASCADE`])),
    };
    const outcomes: Record<string, string> = {};
    for (const [what, text] of Object.entries(attempts)) outcomes[what] = await asApp(url, text);
    const refused = Object.fromEntries(Object.keys(attempts).map((k) => [k, '42501'])); // insufficient_privilege
    expect(outcomes).toEqual({ ...refused, 'audit insert': 'ok' });
  });

  it('when it changes a paid subsidy, its approved list, or what the list shows of the worker, then the triggers refuse', async () => {
    const url = svc.tdb.url;
    const outcomes = {
      amount: await asApp(url, `UPDATE subsidies SET amount_fen = 1 WHERE id = '${rows.paid}'`),
      status: await asApp(url, `UPDATE subsidies SET status = 'payable' WHERE id = '${rows.paid}'`),
      delete: await asApp(url, `DELETE FROM subsidies WHERE id = '${rows.paid}'`),
      item: await asApp(url, `UPDATE subsidy_list_items SET amount_fen = 1 WHERE list_id = '${rows.list}'`),
      list: await asApp(url, `UPDATE subsidy_lists SET total_fen = 1 WHERE id = '${rows.list}'`),
      name: await asApp(url, `UPDATE batch_workers SET name = '别人' WHERE id = '${rows.paidWorker}'`),
      idNumber: await asApp(url, `UPDATE batch_workers SET id_enc = 'other' WHERE id = '${rows.paidWorker}'`),
      payableToPaid: await asApp(url, `UPDATE subsidies SET status = 'paid' WHERE id = '${rows.payable}'`),
      insertedPaid: await asApp(
        url,
        `INSERT INTO subsidies (worker_id, id_hash, policy_year, county_code, batch_id, trip_id, arrived_at,
           cost_share_fen, worker_share_fen, cap_fen, amount_fen, status)
         SELECT worker_id, 'another', 2028, county_code, batch_id, trip_id, arrived_at, cost_share_fen,
           worker_share_fen, cap_fen, amount_fen, 'paid' FROM subsidies WHERE id = '${rows.payable}'`,
      ),
    };
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((k) => [k, 'P0001'])));
    // What the app does after arrival still works: a health update of the paid worker, listing the payable one.
    expect(await asApp(url, `UPDATE batch_workers SET health_code = 'yellow' WHERE id = '${rows.paidWorker}'`)).toBe(
      'ok',
    );
    const paid = await sql<{ status: string; amount_fen: number }>`
      SELECT status, amount_fen FROM subsidies WHERE id = ${rows.paid}`.execute(svc.tdb.db);
    expect(paid.rows).toEqual([{ status: 'paid', amount_fen: 80000 }]);
  });

  it('when the app encrypts old rows, lists, withdraws, lists again, approves and pays through its repositories, then the triggers let it', async () => {
    const db = svc.rt.db;
    expect(await protectLegacyRows(db, testCipher)).toBe(1); // the paid worker stored before encryption
    const now = svc.clock.now();
    const gate = { now, daysWithoutWithdrawal: null };
    const listed = await inTransaction(db, (tx) =>
      insertDraftList(tx, { countyCode: '140222', from: null, to: null, createdBy: rows.maker, gate }),
    );
    expect(listed).toMatchObject({ item_count: 1, total_fen: 80000 });
    await inTransaction(db, async (tx) => {
      await setListSubsidies(tx, listed.id, 'payable');
      await deleteList(tx, listed.id);
    });
    const list = await inTransaction(db, (tx) =>
      insertDraftList(tx, { countyCode: '140222', from: null, to: null, createdBy: rows.maker, gate }),
    );
    await inTransaction(db, async (tx) => {
      await updateList(tx, list.id, { status: 'published', published_at: now });
      await updateList(tx, list.id, { status: 'approved', approved_by: rows.approver, approved_at: now });
    });
    await inTransaction(db, async (tx) => {
      await updateList(tx, list.id, {
        status: 'paid',
        paid_by: rows.maker,
        paid_at: now,
        payment_reference: 'GK-0002',
      });
      await setListSubsidies(tx, list.id, 'paid');
    });
    const statuses = await sql<{ status: string }>`
      SELECT status FROM subsidies WHERE id = ${rows.payable}`.execute(svc.tdb.db);
    expect(statuses.rows).toEqual([{ status: 'paid' }]);
  });

  it('when a later migration creates a table as the owner role, then the app role may use it without a new grant', async () => {
    const owner = createDatabase(svc.tdb.ownerUrl, 1, { role: 'p2p_owner' });
    try {
      await sql`CREATE TABLE later_table (id bigserial PRIMARY KEY, note text)`.execute(owner);
    } finally {
      await owner.destroy();
    }
    expect(await asApp(svc.tdb.url, `INSERT INTO later_table (note) VALUES ('x')`)).toBe('ok');
    expect(await asApp(svc.tdb.url, `TRUNCATE later_table`)).toBe('42501');
  });
});

describe('start-up', () => {
  const created: string[] = [];
  const urlFor = (name: string) => {
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const fresh = async (owner?: string) => {
    const name = `p2p_test_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"${owner ? ` OWNER ${owner}` : ''}`);
    await admin.end();
    created.push(name);
    return urlFor(name);
  };
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('when a database was migrated by the superuser before roles, then start-up hands it to the owner role and connects as the app role', async () => {
    const ownerUrl = await fresh();
    const legacy = createDatabase(ownerUrl, 1);
    await migrate(legacy);
    await legacy.destroy();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrlFor(ownerUrl) });
    // Two processes starting together (API and runner) take turns.
    const [db, other] = await Promise.all([openDatabase(config, silent), openDatabase(config, silent)]);
    await other.destroy();
    try {
      const owners = await sql<{ owner: string }>`
        SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S')
        UNION SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()`.execute(db);
      expect(owners.rows).toEqual([{ owner: 'p2p_owner' }]);
      expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(db)).rows).toEqual([{ u: TEST_APP_ROLE }]);
      expect(await asApp(appUrlFor(ownerUrl), `ALTER TABLE audit_log DISABLE TRIGGER ALL`)).toBe('42501');
    } finally {
      await db.destroy();
    }
  });

  it('when a deployment runs `npm run cli -- setup-database` on a new database, then the app role starts without the owner URL', async () => {
    const ownerUrl = urlFor(`p2p_test_${randomBytes(5).toString('hex')}`);
    created.push(databaseName(ownerUrl));
    const root = path.resolve(__dirname, '../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', 'setup-database'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          DATA_KEY,
          DATABASE_OWNER_URL: ownerUrl,
          DATABASE_URL: appUrlFor(ownerUrl),
        },
      },
    );
    expect(stdout).toMatch(
      /^created database p2p_test_\w+; database \w+ owned by p2p_owner; \d+ migrations run; p2p_app granted/,
    );
    const config = loadConfig({ NODE_ENV: 'production', DATA_KEY, DATABASE_URL: appUrlFor(ownerUrl) });
    const db = await openDatabase(config, silent);
    await db.destroy();
  });

  it('when an operator made the roles and the database (no superuser), then the owner role migrates and grants', async () => {
    const tag = randomBytes(4).toString('hex');
    const [owner, app] = [`op_owner_${tag}`, `op_app_${tag}`];
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      // What README "Database roles" tells an operator to run.
      await admin.query(`CREATE ROLE ${owner} LOGIN; CREATE ROLE ${app} LOGIN`);
      const ownerUrl = await fresh(owner);
      const as = (role: string) => Object.assign(new URL(ownerUrl), { username: role }).toString();
      const done = await setUpDatabase({ ownerUrl: as(owner), appUrl: as(app) });
      expect(done).toMatchObject({ ownerRole: owner, appRole: app, created: [], adopted: 0 });
      const config = loadConfig({ NODE_ENV: 'production', DATA_KEY, DATABASE_URL: as(app) });
      await (await openDatabase(config, silent)).destroy();
      expect(await asApp(as(app), `INSERT INTO audit_log (action, entity, entity_id) VALUES ('a', 'b', 'c')`)).toBe(
        'ok',
      );
      expect(await asApp(as(app), `DELETE FROM audit_log`)).toBe('42501');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${created.pop()}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${app}; DROP ROLE IF EXISTS ${owner}`);
      await admin.end();
    }
  });

  it('when DATABASE_URL is a superuser in production, then start-up stops naming the problem', async () => {
    const ownerUrl = await fresh();
    const config = loadConfig({ NODE_ENV: 'production', DATA_KEY, DATABASE_URL: ownerUrl });
    await expect(openDatabase(config, silent)).rejects.toThrow(/DATABASE_URL: role postgres is a superuser/);
  });

  it('when migrations are pending and no DATABASE_OWNER_URL is set, then start-up stops naming it', async () => {
    const ownerUrl = await fresh('p2p_owner');
    const config = loadConfig({ NODE_ENV: 'production', DATA_KEY, DATABASE_URL: appUrlFor(ownerUrl) });
    await expect(openDatabase(config, silent)).rejects.toThrow(/needs migrations 001-backbone.*DATABASE_OWNER_URL/);
  });
});
