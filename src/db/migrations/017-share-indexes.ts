import { sql, type Kysely } from 'kysely';

/**
 * Storing a plan marks every worker of the batch planned or held. Room on each page (fillfactor 70) lets that
 * update stay on the page (a HOT update: no index touched, as status and hold reasons are not indexed) instead of
 * writing a new entry into each of the table's indexes for each worker.
 *
 * A fanned-out batch's child job reads only its pools' workers (origin counties × destination factories) and
 * their families. Without these, each of a million-worker batch's children scanned the whole batch, once for its
 * pools and once per chunk of families.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE batch_workers SET (fillfactor = 70);
    CREATE INDEX batch_workers_share ON batch_workers (batch_id, county_code, factory_id);
    CREATE INDEX batch_workers_family ON batch_workers (batch_id, family_id) WHERE family_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX batch_workers_share, batch_workers_family;
    ALTER TABLE batch_workers RESET (fillfactor);
  `.execute(db);
}
