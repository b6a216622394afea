/**
 * Benchmarks the streamed subsidy-list export (CSV, then XLSX) on a large list:
 *   tsx scripts/bench-export.ts [--rows N] [--fetch-size F] [--keep-files] [--trace]
 * Creates a temporary database (dropped at the end, also on failure or Ctrl-C), fills one list
 * with N subsidies using INSERT ... SELECT FROM generate_series, streams both formats to temp files
 * while sampling process RSS every 50 ms, and prints format, rows, seconds, rows/s, peak RSS,
 * RSS growth over the baseline taken just before each export, and file size. --trace prints the memory
 * figures once a second during each export (a flat line is what constant memory looks like).
 * PostgreSQL: $BENCH_PG_URL or $TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres (admin connection).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, ensureDatabase, migrate, type Database } from '../src/db/database';
import { upsertPlaces } from '../src/db/reference-repo';
import { streamSubsidyListCsv, streamSubsidyListXlsx, type ExportSummary } from '../src/export/subsidy-export';
import { loadPlaces, loadPlannerConfig } from '../src/reference/load-fixtures';
import { createCipher, DEVELOPMENT_DATA_KEY } from '../src/crypto/personal-data';

const ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MB = 1024 * 1024;

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

interface TempDb {
  db: Database;
  drop(): Promise<void>;
}

async function createTempDatabase(): Promise<TempDb> {
  const name = `p2p_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let db: Database | undefined;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db?.destroy().catch(() => undefined);
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await ensureDatabase(url.toString());
    db = createDatabase(url.toString(), 4);
    await migrate(db);
    await upsertPlaces(db, loadPlaces());
    return { db, drop };
  } catch (e) {
    await drop();
    throw e;
  }
}

/**
 * One list of `rows` subsidies over every county, with a few trips; FK and list triggers skipped (replica role) for
 * speed.
 */
/**
 * Distinct encrypted ID and phone numbers cycled over the rows: real ciphertext to decrypt, without encrypting a
 * million rows first.
 */
const TOKENS = 1000;
const cipher = createCipher(DEVELOPMENT_DATA_KEY);

async function fill(db: Database, rows: number): Promise<string> {
  const ids = Array.from({ length: TOKENS }, (_, i) => cipher.encrypt(`1402221990010${String(1000 + i).slice(-4)}X`));
  const phones = Array.from({ length: TOKENS }, (_, i) => cipher.encrypt(`1391000${String(1000 + i).slice(-4)}`));
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const key = (
      await sql<{ id: string }>`
      INSERT INTO api_keys (key_hash, prefix, role) VALUES ('bench-export', 'p2p_fin_', 'finance') RETURNING id`.execute(
        trx,
      )
    ).rows[0].id;
    const batch = (
      await sql<{ id: string }>`
      INSERT INTO batches (name, created_by, county_codes, status)
      SELECT 'bench export', ${key}, array_agg(code::text ORDER BY code), 'planned' FROM counties RETURNING id`.execute(
        trx,
      )
    ).rows[0].id;
    await sql`
      INSERT INTO trips (batch_id, key, mode, vehicle_type_id, capacity, seats_used, county_code, factory_id,
                         depart_at, arrive_at, distance_m, cost_fen, mode_reason, legs)
      SELECT ${batch}, 'BUS-' || lpad(g::text, 3, '0'), 'bus', 'coach-49', 49, 49, c.codes[1 + g % cardinality(c.codes)],
             'ningbo-beilun-electronics', timestamptz '2021-02-19 22:00Z', timestamptz '2021-02-20 16:00Z', 1500000, 1200000, 'bench', '[]'
        FROM generate_series(0, 39) g, (SELECT array_agg(code ORDER BY code) AS codes FROM counties) c`.execute(trx);
    // Worker g: county g % 11 (of the counties), ID = county + birth date + sequence + check char (unique per county).
    await sql`
      INSERT INTO batch_workers (batch_id, row_no, name, id_hash, id_enc, phone_enc, county_code, village, lon, lat, factory_id,
                                 health_code, earliest_departure, status)
      SELECT ${batch}, g,
             CASE WHEN g % 100000 = 0 THEN '=HYPERLINK("http://x","y")'
                  ELSE (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙'])[1 + g % 12]
                    || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','涛','明'])[1 + (g / 12) % 15]
                    || (ARRAY['','华','平','刚','桂英','秀兰','志强','建国'])[1 + (g / 180) % 8] END,
             'bench-' || g::text, (${ids}::text[])[1 + g % ${TOKENS}::int], (${phones}::text[])[1 + g % ${TOKENS}::int],
             cc, '第' || (1 + g % 40)::text || '村', 112.5, 38.5, 'ningbo-beilun-electronics', 'green', timestamptz '2021-02-19 00:00Z', 'planned'
        FROM (SELECT g, c.codes[1 + g % cardinality(c.codes)] AS cc, cardinality(c.codes) AS n
                FROM generate_series(1, ${rows}::int) g, (SELECT array_agg(code::text ORDER BY code) AS codes FROM counties) c) x`.execute(
      trx,
    );
    await sql`
      INSERT INTO subsidies (worker_id, id_hash, id_enc, policy_year, county_code, batch_id, trip_id, arrived_at, cost_share_fen, worker_share_fen, cap_fen, amount_fen, status)
      SELECT w.id, w.id_hash, w.id_enc, 2021, w.county_code, w.batch_id, t.ids[1 + w.row_no % cardinality(t.ids)],
             timestamptz '2021-02-20 08:00Z' + make_interval(mins => w.row_no % 2880),
             v.cost, v.cost, 50000, least(v.cost, 50000), 'listed'
        FROM batch_workers w,
             (SELECT array_agg(id ORDER BY key) AS ids FROM trips) t,
             LATERAL (SELECT 20000 + (w.row_no::bigint * 7919) % 60000 AS cost) v`.execute(trx);
    const list = (
      await sql<{ id: string }>`
      INSERT INTO subsidy_lists (county_code, created_by, status) VALUES ('140222', ${key}, 'draft') RETURNING id`.execute(
        trx,
      )
    ).rows[0].id;
    await sql`INSERT INTO subsidy_list_items (list_id, subsidy_id, amount_fen) SELECT ${list}, id, amount_fen FROM subsidies`.execute(
      trx,
    );
    await sql`
      UPDATE subsidy_lists SET item_count = x.n, total_fen = x.total
        FROM (SELECT count(*)::int AS n, sum(amount_fen)::bigint AS total FROM subsidy_list_items WHERE list_id = ${list}) x
       WHERE id = ${list}`.execute(trx);
    return list;
  });
}

interface Result {
  format: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
  growthMb: number;
  peakHeapMb: number;
  fileMb: number;
}

async function measure(
  format: string,
  file: string,
  run: (out: NodeJS.WritableStream) => Promise<ExportSummary>,
  expect: { rows: number; totalFen: number },
  trace: boolean,
): Promise<Result> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  let peakHeap = process.memoryUsage().heapUsed;
  const started = performance.now();
  let ticks = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    if (trace && ++ticks % 20 === 0) {
      const mb = (n: number) => (n / MB).toFixed(0).padStart(4);
      console.log(
        `  ${format} ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s  rss ${mb(m.rss)}  heap ${mb(m.heapUsed)}  external ${mb(m.external)}  arrayBuffers ${mb(m.arrayBuffers)} MB`,
      );
    }
  }, 50);
  try {
    const summary = await run(createWriteStream(file));
    const seconds = (performance.now() - started) / 1000;
    if (summary.rows !== expect.rows || summary.totalFen !== expect.totalFen) {
      throw new Error(
        `${format}: summary ${summary.rows} rows / ${summary.totalFen} fen, SQL says ${expect.rows} / ${expect.totalFen}`,
      );
    }
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    return {
      format,
      rows: summary.rows,
      seconds,
      peakRssMb: peakRss / MB,
      growthMb: (peakRss - baseline) / MB,
      peakHeapMb: Math.max(peakHeap, m.heapUsed) / MB,
      fileMb: statSync(file).size / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}

function printTable(results: Result[]): void {
  const cols: [string, number, (r: Result) => string][] = [
    ['format', 7, (r) => r.format],
    ['rows', 10, (r) => String(r.rows)],
    ['seconds', 8, (r) => r.seconds.toFixed(1)],
    ['rows/s', 9, (r) => Math.round(r.rows / r.seconds).toString()],
    ['peak RSS MB', 12, (r) => r.peakRssMb.toFixed(0)],
    ['RSS growth MB', 14, (r) => r.growthMb.toFixed(0)],
    ['peak heap MB', 13, (r) => r.peakHeapMb.toFixed(0)],
    ['file MB', 8, (r) => r.fileMb.toFixed(1)],
  ];
  console.log(cols.map(([h, w], i) => (i === 0 ? h.padEnd(w) : h.padStart(w))).join(' '));
  for (const r of results)
    console.log(cols.map(([, w, f], i) => (i === 0 ? f(r).padEnd(w) : f(r).padStart(w))).join(' '));
}

async function main(argv: string[]): Promise<void> {
  const rows = Number(arg(argv, '--rows') ?? 1_000_000);
  const fetchSize = Number(arg(argv, '--fetch-size') ?? 5_000);
  const keepFiles = argv.includes('--keep-files');
  const trace = argv.includes('--trace');
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new Error(`--rows must be a positive integer, got ${arg(argv, '--rows')}`);

  const temp = await createTempDatabase();
  const onSignal = () => {
    console.error('interrupted: dropping the temporary database');
    void temp.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const files: string[] = [];
  try {
    const t0 = performance.now();
    const listId = await fill(temp.db, rows);
    await sql`ANALYZE`.execute(temp.db);
    const expect = (
      await sql<{ rows: number; total: number }>`
      SELECT count(*)::int AS rows, coalesce(sum(amount_fen), 0)::bigint AS total FROM subsidy_list_items WHERE list_id = ${listId}`.execute(
        temp.db,
      )
    ).rows[0];
    console.log(
      `filled ${expect.rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s (fetch size ${fetchSize})`,
    );

    const results: Result[] = [];
    const stamp = randomBytes(4).toString('hex');
    for (const [format, exportList] of [
      ['csv', streamSubsidyListCsv],
      ['xlsx', streamSubsidyListXlsx],
    ] as const) {
      const file = join(tmpdir(), `subsidy-export-bench-${stamp}.${format}`);
      files.push(file);
      results.push(
        await measure(
          format,
          file,
          (out) =>
            exportList(temp.db, listId, out, { cipher, fetchSize, utcOffsetMin: loadPlannerConfig().utcOffsetMin }),
          { rows: expect.rows, totalFen: Number(expect.total) },
          trace,
        ),
      );
    }
    printTable(results);
    if (keepFiles) console.log(`files: ${files.join(' ')}`);
  } finally {
    if (!keepFiles)
      for (const f of files)
        try {
          unlinkSync(f);
        } catch {
          /* not written */
        }
    await temp.drop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
