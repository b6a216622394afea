/**
 * `npm run bench:api`: load on the real API over loopback (autocannon), against its own database
 * (p2p_bench_<random> on DATABASE_ADMIN_URL / 127.0.0.1:5432) and Redis prefix, dropped at the end.
 *
 * 1. Arrival confirmations: one enterprise key confirming one passenger per request (POST /arrivals),
 *    every request a different person of BENCH_SETUP_BATCHES (3) planned 20,000-worker batches (a repeat is
 *    counted and flagged: it costs less than a fresh arrival). Target on a 2-core machine:
 *    ≥ 1,500 requests/s, p99 < 100 ms, zero errors. Also printed: requests in the slowest and fastest second,
 *    and the CPU used by the API processes, PostgreSQL and the load generator.
 * 2. Submissions: runs of 10,000-worker JSON batches (POST /batches), the API process's RSS after each
 *    run: it must stay flat (no growth from run to run).
 *
 * The API (API_PROCESSES processes on one port, as `npm run start:api` runs it) and the planning runner run
 * as separate processes in production mode with access logs at info level, so the load generator does not
 * share the API's event loop. Options: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (32),
 * BENCH_RUNS (6), BENCH_API_PROCESSES (2, one per core of the reference machine), BENCH_CPU_PROF (a folder:
 * the API processes write V8 CPU profiles there when they stop, for Chrome DevTools or `node --cpu-prof`).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import placesJson from '../fixtures/places.json';
import { dropDatabase, newKey, prepareDatabase } from './support/bench-database';
import { poll } from './support/poll';
import { databaseBackendsCpu, treeCpu, treeRss } from './support/proc-tree';
import { spawnService, type ServiceProcess } from './support/service-process';
import { syntheticRows } from './support/synthetic-rows';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RUNS = Number(process.env.BENCH_RUNS ?? 6);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const API_PROCESSES = process.env.BENCH_API_PROCESSES ?? '2';
// 60,000 workers as the reference figures had; 4 vehicles in 5 give distinct people up to ~3,500 requests/s.
const SETUP_BATCHES = Number(process.env.BENCH_SETUP_BATCHES ?? 3);
/** One vehicle in this many is confirmed whole (one request for everyone on it); the rest one person per request. */
const WHOLE_VEHICLE_EVERY = 5;
const CPU_PROF = process.env.BENCH_CPU_PROF;
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FACTORY = 'qingdao-huangdao-appliance';
const ALL_COUNTIES = placesJson.counties.map((c) => c.code);

/** Resident memory of a process and all its descendants (an API cluster's primary and its processes). */
const rssMiB = (pid: number): number => Math.round(treeRss(pid) / 2 ** 20);

/** What the benchmark reads of an answer: a batch's id (for submissions), or anything else for the error message. */
type Answer = { id?: string } | null;

async function post(base: string, key: string, path: string, body: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Answer };
}

const countArrivals = async (db: Awaited<ReturnType<typeof prepareDatabase>>) =>
  Number(
    (
      await db
        .selectFrom('arrivals')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function main(): Promise<void> {
  const dbName = `p2p_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const db = await prepareDatabase(url.toString());
  const appUrl = new URL(url);
  appUrl.username = 'p2p_app';
  const env = {
    NODE_ENV: 'production',
    DATA_KEY: randomBytes(32).toString('base64'),
    // As in production: the owner's URL migrates and grants at start-up, requests run as the app role.
    DATABASE_OWNER_URL: url.toString(),
    DATABASE_URL: appUrl.toString(),
    REDIS_URL,
    QUEUE_PREFIX: `p2pbench${randomBytes(3).toString('hex')}`,
    MAX_BATCH_ROWS: '50000',
    RATE_LIMIT_PER_MIN: '100000000',
    LOG_LEVEL: 'info',
  };
  const procs: ServiceProcess[] = [];
  try {
    const apiProc = await spawnService(
      'api',
      { ...env, API_PROCESSES },
      60_000,
      CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [],
    );
    const runner = await spawnService('runner', { ...env, WORKER_CONCURRENCY: '2' });
    // The access log stays on (as in production) but is drained unread: parsing it would load this process.
    apiProc.quiet();
    runner.quiet();
    procs.push(apiProc, runner);
    const dispatcher = await newKey(db, 'dispatcher', ALL_COUNTIES);
    const enterprise = await newKey(db, 'enterprise', [FACTORY]);

    // Set-up: SETUP_BATCHES × 20,000 passengers bound for one factory, most of them for one-person requests.
    process.stdout.write(`setting up: planning ${SETUP_BATCHES} × 20,000 workers bound for one factory … `);
    const t0 = Date.now();
    const ids: string[] = [];
    for (let b = 0; b < SETUP_BATCHES; b++) {
      const workers = syntheticRows(20_000, { offset: b * 20_000 }).map((w) => ({ ...w, factoryId: FACTORY }));
      const r = await post(apiProc.base, dispatcher, '/api/v1/batches', { name: `bench arrivals ${b}`, workers });
      if (r.status !== 202) throw new Error(`set-up submission answered ${r.status}: ${JSON.stringify(r.json)}`);
      ids.push(r.json!.id!);
    }
    await poll(
      'set-up batches planned',
      async () => {
        const rows = await db.selectFrom('batches').select('status').where('id', 'in', ids).execute();
        if (rows.some((x) => x.status === 'failed')) throw new Error('set-up batch failed');
        return rows.every((x) => x.status === 'planned');
      },
      600_000,
      500,
    );
    const seated = await db
      .selectFrom('trip_passengers as tp')
      .innerJoin('trips as t', 't.id', 'tp.trip_id')
      .select(['tp.worker_id', 'tp.trip_id', 't.arrive_at'])
      .where('tp.batch_id', 'in', ids)
      .where('t.factory_id', '=', FACTORY)
      .orderBy('tp.trip_id')
      .execute();
    console.log(`${seated.length} passengers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // Every WHOLE_VEHICLE_EVERY-th vehicle is confirmed whole, one request; the others one person per request.
    const trips = new Map<string, typeof seated>();
    for (const p of seated) trips.set(p.trip_id, [...(trips.get(p.trip_id) ?? []), p]);
    const byTrip = [...trips.values()];
    const passengers = byTrip.filter((_, i) => i % WHOLE_VEHICLE_EVERY !== 0).flat();
    const vehicles = byTrip.filter((_, i) => i % WHOLE_VEHICLE_EVERY === 0);
    await runner.kill(); // the API alone under load from here on
    // Steady state: autovacuum of the freshly planned tables would otherwise land in the measurement.
    await sql`VACUUM ANALYZE`.execute(db);

    // 1. Arrival confirmations.
    let next = 0;
    const confirmations = (duration: number) =>
      autocannon({
        url: apiProc.base,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/arrivals',
            headers: { authorization: `Bearer ${enterprise}`, 'content-type': 'application/json' },
            setupRequest: (req) => {
              const p = passengers[next++ % passengers.length];
              return {
                ...req,
                body: JSON.stringify({
                  arrivals: [
                    { workerId: p.worker_id, arrivedAt: new Date(p.arrive_at.getTime() + 30 * 60_000).toISOString() },
                  ],
                }),
              };
            },
          },
        ],
      });
    // A warm-up first (not counted): the figures are for processes past their start-up compilation.
    await confirmations(WARMUP_SECONDS);
    const warm = next;
    const cpuBefore = { api: treeCpu(apiProc.pid), db: databaseBackendsCpu(dbName), bench: process.cpuUsage() };
    const arrivals = await confirmations(SECONDS);
    const cpu = (secs: number) => `${Math.round((100 * secs) / SECONDS)} %`;
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const errors = arrivals.errors + arrivals.timeouts + arrivals.non2xx;
    console.log('\n== arrival confirmations (POST /api/v1/arrivals, one person per request)');
    console.log(
      `API processes ${API_PROCESSES}, connections ${CONNECTIONS}, ${SECONDS} s, ${arrivals.requests.total} requests (after ${WARMUP_SECONDS} s warm-up; ${Math.min(next, passengers.length) - Math.min(warm, passengers.length)} distinct people of ${passengers.length})`,
    );
    if (next > passengers.length)
      console.log(
        `REPEATS      ${next - passengers.length} requests re-confirmed people already arrived: not comparable; raise BENCH_SETUP_BATCHES`,
      );
    console.log(
      `throughput   ${Math.round(arrivals.requests.average)} req/s (target ≥ 1500); slowest second ${arrivals.requests.min}, median ${arrivals.requests.p50}, fastest ${arrivals.requests.max}`,
    );
    console.log(
      `latency      p50 ${arrivals.latency.p50} ms, p90 ${arrivals.latency.p90} ms, p99 ${arrivals.latency.p99} ms, max ${arrivals.latency.max} ms (target p99 < 100)`,
    );
    console.log(
      `errors       ${errors} (non-2xx ${arrivals.non2xx}, errors ${arrivals.errors}, timeouts ${arrivals.timeouts}) (target 0)`,
    );
    console.log(
      `CPU          API processes ${cpu(treeCpu(apiProc.pid) - cpuBefore.api)}, PostgreSQL backends ${cpu(databaseBackendsCpu(dbName) - cpuBefore.db)}, load generator ${cpu((benchCpu.user + benchCpu.system) / 1e6)} (of 200 % on 2 cores)`,
    );
    const metrics = await (await fetch(`${apiProc.base}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    console.log(
      `group commit ${(metric('p2p_arrival_group_requests_sum') / metric('p2p_arrival_group_requests_count')).toFixed(1)} requests per write on average (warm-up included)`,
    );
    console.log(`API RSS      ${rssMiB(apiProc.pid)} MiB after the run`);

    // 1b. Whole vehicles: the gate confirms everyone off one bus (or train) in one request.
    const arrivedBefore = await countArrivals(db);
    let nextVehicle = 0;
    const vehicleStart = Date.now();
    const whole = await autocannon({
      url: apiProc.base,
      connections: 8,
      amount: vehicles.length, // each vehicle once
      requests: [
        {
          method: 'POST',
          path: '/api/v1/arrivals',
          headers: { authorization: `Bearer ${enterprise}`, 'content-type': 'application/json' },
          setupRequest: (req) => {
            const v = vehicles[nextVehicle++ % vehicles.length];
            return {
              ...req,
              body: JSON.stringify({
                arrivals: v.map((p) => ({
                  workerId: p.worker_id,
                  arrivedAt: new Date(p.arrive_at.getTime() + 30 * 60_000).toISOString(),
                })),
              }),
            };
          },
        },
      ],
    });
    const vehicleSecs = (Date.now() - vehicleStart) / 1000;
    const people = (await countArrivals(db)) - arrivedBefore;
    console.log('\n== arrival confirmations, a whole vehicle per request (8 connections)');
    console.log(
      `${whole.requests.total} requests (each of ${vehicles.length} vehicles once, ${Math.round(people / vehicles.length)} people each on average), ${people} people confirmed in ${vehicleSecs.toFixed(1)} s`,
    );
    console.log(
      `throughput   ${Math.round(people / vehicleSecs)} people/s, ${Math.round(whole.requests.total / vehicleSecs)} vehicles/s; p50 ${whole.latency.p50} ms, p99 ${whole.latency.p99} ms; errors ${whole.errors + whole.timeouts + whole.non2xx}`,
    );

    // 2. Submissions of 10,000-worker batches, RSS per run.
    console.log('\n== submissions of 10,000-worker batches (POST /api/v1/batches, JSON, ~3 MB each)');
    const perRun = 5;
    let offset = 100_000;
    for (let run = 1; run <= RUNS; run++) {
      const started = Date.now();
      const latencies: number[] = [];
      for (let k = 0; k < perRun; k++) {
        const workers = syntheticRows(10_000, { offset });
        offset += 10_000;
        const s = Date.now();
        const r = await post(apiProc.base, dispatcher, '/api/v1/batches', {
          name: `bench submission ${run}.${k}`,
          workers,
        });
        latencies.push(Date.now() - s);
        if (r.status !== 202)
          throw new Error(`submission answered ${r.status}: ${JSON.stringify(r.json).slice(0, 300)}`);
      }
      (global as { gc?: () => void }).gc?.();
      const secs = (Date.now() - started) / 1000;
      console.log(
        `run ${run}: ${perRun} batches (${perRun * 10_000} workers) in ${secs.toFixed(1)} s, ${Math.round((perRun * 10_000) / secs)} workers/s, latency ${Math.min(...latencies)}–${Math.max(...latencies)} ms, API RSS ${rssMiB(apiProc.pid)} MiB`,
      );
    }
  } finally {
    if (CPU_PROF) {
      procs[0]?.signal('SIGTERM'); // profiles are written at a clean exit
      await procs[0]?.exited;
    }
    await Promise.all(procs.map((p) => p.kill()));
    await db.destroy();
    await dropDatabase(ADMIN_URL, dbName).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
