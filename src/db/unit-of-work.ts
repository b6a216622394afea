import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { bindConnection } from './copy-rows';
import { poolOf, type Database } from './database';
import type { DB } from './schema';

/** An open transaction: repositories take it so that one use case's reads and writes commit together. */
export type Tx = Transaction<DB>;

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. The transaction runs on
 * one connection checked out here (through a query builder bound to it), so that copyRows can stream rows over
 * that same connection, inside the transaction.
 */
export async function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  const one = { query: client.query.bind(client), release: () => undefined };
  const bound = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: () => Promise.resolve(one), end: () => Promise.resolve() } }),
  });
  try {
    return await bound.transaction().execute((tx) => {
      bindConnection(tx, client);
      return work(tx);
    });
  } finally {
    client.off('error', onError);
    // A connection whose server went away is dropped from the pool, not handed to the next caller.
    client.release(broken);
  }
}
