import { performance } from 'node:perf_hooks';
import cluster, { type Worker } from 'node:cluster';
import { loadConfig } from './config/env';
import { createLogger } from './logger';
import { serveClusterMetrics } from './observability/cluster-metrics';
import { openDatabase, seed } from './runtime';

/** A worker that dies this many times within a minute is a crash loop: the primary gives up. */
const MAX_CRASHES_PER_MINUTE = 5;
const RESTART_DELAY_MS = 1000;
/** After a stop, workers still running this long (their own grace is 10 s) are killed. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * The API on several processes sharing one port (node:cluster), one per core: the primary migrates and
 * seeds the database once, forks the API processes, restarts one that dies, aggregates their metrics,
 * and on SIGTERM/SIGINT lets each finish its in-flight requests before exiting.
 */
export async function runApiCluster(processes: number): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL).child({ role: 'cluster-primary' });
  try {
    const db = await openDatabase(config, log);
    await seed(db, config, log, true);
    await db.destroy();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  serveClusterMetrics();
  let stopping = false;
  const crashes: number[] = [];
  const fork = (): Worker => cluster.fork({ P2P_CLUSTER_SEEDED: '1' });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) {
        log.info('stopped');
        process.exit(0);
      }
      return;
    }
    const now = performance.now(); // restarts counted over a duration, on the monotonic clock
    crashes.push(now);
    while (crashes.length && crashes[0] < now - 60_000) crashes.shift();
    log.error({ pid: worker.process.pid, code, signal }, 'API process died; starting another');
    if (crashes.length > MAX_CRASHES_PER_MINUTE) {
      log.fatal({ crashes: crashes.length }, 'API processes keep dying; stopping');
      process.exit(1);
    }
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const workers = Object.values(cluster.workers ?? {});
    if (!workers.length) process.exit(0);
    for (const w of workers) w?.process.kill('SIGTERM');
    setTimeout(() => {
      log.error('API processes did not stop in time; killing them');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < processes; i++) fork();
  log.info({ processes }, 'API cluster started');
}
