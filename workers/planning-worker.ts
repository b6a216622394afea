import { runUntilSignalled } from '../src/runtime';

/** A planning worker process: run as many as needed, on as many machines, against one Redis and one PostgreSQL. */
void runUntilSignalled({ api: false, worker: true });
