/**
 * Start-up with the national gazetteer: wall time of a fresh install's first start (migrations, 2,854 counties,
 * hubs, sample data) and of a later start, and the heap the planner's reference cache holds.
 *   npm run bench:startup            (targets: start < 5 s, reference cache < 50 MB)
 * The services run from TypeScript through tsx, as the tests do; `npm start` runs the compiled build.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../src/db/database';
import { readPlaces } from '../src/db/reference-repo';
import { dropDatabase } from './support/bench-database';
import { spawnService } from './support/service-process';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function timedStart(url: string, prefix: string): Promise<{ ms: number; rssMiB: number }> {
  const t0 = performance.now();
  const svc = await spawnService('both', { DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: prefix }, 120_000);
  const ms = performance.now() - t0;
  const rssMiB =
    Number(
      /VmRSS:\s+(\d+)/.exec(
        await import('node:fs').then((fs) => fs.readFileSync(`/proc/${svc.pid}/status`, 'utf8')),
      )?.[1] ?? 0,
    ) / 1024;
  await svc.kill();
  return { ms, rssMiB };
}

/** Heap held by one copy of the gazetteer as the planner reads it (after full collections, over ten copies). */
async function cacheMiB(url: string): Promise<{ mib: number; jsonMiB: number; counties: number; hubs: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:startup does)');
  const db = createDatabase(url, 2);
  await readPlaces(db); // warm the driver and the query builder
  gc();
  const before = process.memoryUsage().heapUsed;
  // Ten copies held at once: one copy is within the heap's own noise.
  const copies = [];
  for (let i = 0; i < 10; i++) copies.push(await readPlaces(db));
  gc();
  const mib = (process.memoryUsage().heapUsed - before) / 2 ** 20 / copies.length;
  const places = copies[0];
  await db.destroy();
  const jsonMiB = Buffer.byteLength(JSON.stringify(places)) / 2 ** 20;
  return { mib, jsonMiB, counties: places.counties.length, hubs: places.hubs.length };
}

async function main() {
  const name = `p2p_bench_startup_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const prefix = `p2pbench${randomBytes(3).toString('hex')}`;
  try {
    const first = await timedStart(url.toString(), prefix);
    const again = [await timedStart(url.toString(), prefix), await timedStart(url.toString(), prefix)];
    const cache = await cacheMiB(url.toString());
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(
      [
        `first start (fresh database: migrate, national gazetteer, sample)  ${s(first.ms)}, RSS ${first.rssMiB.toFixed(0)} MiB (target < 5 s)`,
        `later starts                                                       ${again.map((x) => s(x.ms)).join(', ')}, RSS ${again.map((x) => x.rssMiB.toFixed(0)).join(', ')} MiB`,
        `reference cache   ${cache.counties} counties, ${cache.hubs} hubs: ${cache.mib.toFixed(1)} MiB of heap (${cache.jsonMiB.toFixed(1)} MiB as JSON; target < 50 MB)`,
      ].join('\n') + '\n',
    );
  } finally {
    await dropDatabase(ADMIN_URL, name);
  }
  process.exit(0);
}

void main();
