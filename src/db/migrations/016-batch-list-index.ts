import { sql, type Kysely } from 'kysely';

/**
 * The batch list (`GET /batches`): a page of the newest batches is read along created_at, and a key's batches are
 * found through their counties (`county_codes && scope`, then `<@`), without reading every batch of the country.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX batches_newest ON batches (created_at DESC, id DESC);
    CREATE INDEX batches_counties ON batches USING gin (county_codes);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX batches_newest, batches_counties`.execute(db);
}
