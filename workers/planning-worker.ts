import { runUntilSignalled } from '../src/runtime';

/**
 * A planning runner process (the planning queue's consumer; the file keeps the deployment's name): run as
 * many as needed, on as many machines, against one Redis and one PostgreSQL.
 */
void runUntilSignalled({ api: false, runner: true });
