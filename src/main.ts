import { runUntilSignalled } from './runtime';

/** `node dist/src/main.js`: API and one planning worker in one process; `--api`: the API alone. */
const apiOnly = process.argv.includes('--api');
void runUntilSignalled({ api: true, worker: !apiOnly });
