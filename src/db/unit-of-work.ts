import type { Transaction } from 'kysely';
import type { Database } from './database';
import type { DB } from './schema';

/** An open transaction: repositories take it so that one use case's reads and writes commit together. */
export type Tx = Transaction<DB>;

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
