import cluster from 'node:cluster';
import { runApiCluster } from './api-cluster';
import { loadConfig } from './config/env';
import { runUntilSignalled } from './runtime';

/**
 * `node dist/src/main.js`: API and one planning runner in one process. `--api`: the API alone, on
 * API_PROCESSES processes sharing the port when that is more than one.
 */
const apiOnly = process.argv.includes('--api');
const processes = apiOnly && cluster.isPrimary ? apiProcesses() : 1;
if (processes > 1) void runApiCluster(processes);
else void runUntilSignalled({ api: true, runner: !apiOnly, seed: !process.env.P2P_CLUSTER_SEEDED });

function apiProcesses(): number {
  try {
    return loadConfig().API_PROCESSES;
  } catch {
    return 1; // runUntilSignalled reports the configuration error
  }
}
