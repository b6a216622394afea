/**
 * The same synthetic batch as bench:scale, planned through the real queue by K runner processes:
 * a temporary database and Redis prefix, the batch stored as a dispatcher would, K `workers/planning-worker.ts`
 * processes, one job. Prints wall time from enqueue to planned, peak RSS over the runner processes, vehicles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApiKey } from '../src/auth/api-keys';
import { createCipher, DEVELOPMENT_DATA_KEY } from '../src/crypto/personal-data';
import { insertBatch } from '../src/db/batches-repo';
import { createDatabase, ensureDatabase, migrate } from '../src/db/database';
import { upsertPlaces } from '../src/db/reference-repo';
import type { WorkerRow } from '../src/domain/batch/worker-row';
import { makeIdNumber } from '../src/domain/identity/id-number';
import type { Job, Queue } from 'bullmq';
import { PLAN_GROUP } from '../src/contracts/jobs';
import { createPlanningQueue, runnerConnection } from '../src/queue/planning-queue';
import { enqueuePlan } from '../src/services/planning/enqueue-plan';
import { treeRss } from './support/proc-tree';
import { syntheticBatch } from './support/synthetic-batch';

const ROOT = path.resolve(__dirname, '..');
/** As `npm run start:worker` and the compose file start a runner. */
const RUNNER_NODE_FLAGS = ['--max-semi-space-size=32'];
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const birth = (i: number) =>
  new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
const rssOf = (p: ChildProcess): number => treeRss(p.pid);

/**
 * Where the time went, from the jobs' own timestamps (seconds after enqueue): when the children were added (the
 * parent loaded and grouped the batch), when they ran, and when the parent finished storing the plan.
 */
async function timeline(queue: Queue, enqueuedAt: number): Promise<string> {
  const jobs = await queue.getJobs(['completed']);
  const at = (ms: number | undefined) => (((ms ?? enqueuedAt) - enqueuedAt) / 1000).toFixed(1);
  const children = jobs.filter((j) => j.name === PLAN_GROUP);
  const parent = jobs.find((j) => j.name !== PLAN_GROUP);
  if (!children.length) return `one job, done at ${at(parent?.finishedOn)} s`;
  const took = children.map((c) => ((c.finishedOn ?? 0) - (c.processedOn ?? 0)) / 1000).sort((a, b) => a - b);
  return (
    [
      `children added at ${at(Math.min(...children.map((c) => c.timestamp)))} s`,
      `${children.length} ran ${at(Math.min(...children.map((c) => c.processedOn ?? Infinity)))}–` +
        `${at(Math.max(...children.map((c) => c.finishedOn ?? 0)))} s (${took[0].toFixed(1)}–${took.at(-1)!.toFixed(1)} s each, ` +
        `median ${took[took.length >> 1].toFixed(1)} s)`,
      `plan stored at ${at(parent?.finishedOn)} s`,
    ].join('; ') + `\nchildren         in part order, start–end s: ${inPartOrder(children, at)}`
  );
}

/** Each child's run in the order the parent stores their parts (child ids end in their part's number). */
function inPartOrder(children: readonly Job[], at: (ms: number | undefined) => string): string {
  const part = (j: Job) => Number(/(\d+)$/.exec(j.id ?? '')?.[1] ?? -1);
  return [...children]
    .sort((a, b) => part(a) - part(b))
    .map((c) => `${at(c.processedOn)}–${at(c.finishedOn)}`)
    .join(', ');
}

export async function benchThroughQueue(n: number, seed: number, processes: number): Promise<void> {
  const batch = syntheticBatch(n, seed);
  const url = new URL(PG);
  url.pathname = `/p2p_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `p2pbench${randomBytes(3).toString('hex')}`;
  await ensureDatabase(url.toString());
  const db = createDatabase(url.toString());
  const children: ChildProcess[] = [];
  const connection = runnerConnection(REDIS_URL);
  const queue = createPlanningQueue(connection, prefix);
  try {
    await migrate(db);
    await upsertPlaces(db, batch.places);
    const key = await createApiKey(
      db,
      'dispatcher',
      batch.places.counties.map((c) => c.code),
    );
    const rows: WorkerRow[] = batch.workers.map((w, i) => ({
      name: `工人${i}`,
      idNumber: makeIdNumber(w.countyCode, birth(i), i % 1000),
      phone: `13${String(i).padStart(9, '0')}`,
      countyCode: w.countyCode,
      village: w.village,
      lon: w.lon,
      lat: w.lat,
      factoryId: w.factoryId,
      healthCode: w.healthCode,
      nucleicTestAt: new Date(w.nucleicTestAt!).toISOString(),
      registeredPoor: false,
      earliestDeparture: new Date(w.earliestDeparture).toISOString(),
      familyId: w.familyId ?? undefined,
      healthCodeProvince: undefined,
    }));
    const t0 = performance.now();
    const stored = (await insertBatch(
      db,
      {
        name: 'bench',
        createdBy: key.id,
        idempotencyKey: null,
        countyCodes: [...new Set(rows.map((r) => r.countyCode))],
        workers: rows,
      },
      createCipher(DEVELOPMENT_DATA_KEY),
      new Date(),
    ))!;
    console.log(`stored           ${n} workers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '2',
    };
    // One process per runner (TypeScript through --import tsx); BENCH_CPU_PROF: a folder for their CPU profiles.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    for (let i = 0; i < processes; i++)
      children.push(
        spawn(process.execPath, [...profile, ...RUNNER_NODE_FLAGS, '--import', 'tsx', 'workers/planning-worker.ts'], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
    while ((await queue.getWorkersCount()) < processes) await new Promise((r) => setTimeout(r, 200));
    let peak = 0;
    const t1 = performance.now();
    const enqueuedAt = Date.now();
    await enqueuePlan(queue, { batchId: stored.id, revision: 1 });
    for (;;) {
      peak = Math.max(
        peak,
        children.reduce((s, c) => s + rssOf(c), 0),
      );
      const b = await db
        .selectFrom('batches')
        .select(['status', 'error', 'trip_count'])
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow();
      if (b.status === 'failed') throw new Error(`batch failed: ${b.error}`);
      if (b.status === 'planned') {
        console.log(
          `through queue    ${processes} runner processes: wall ${((performance.now() - t1) / 1000).toFixed(1)} s from enqueue to stored, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB over the runners, ${b.trip_count} trips`,
        );
        console.log(`timeline         ${await timeline(queue, enqueuedAt)}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    children.forEach((c) => c.kill('SIGTERM'));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    await db.destroy();
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
