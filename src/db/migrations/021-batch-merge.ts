import { sql, type Kysely } from 'kysely';

/**
 * Batches planned together: a dispatcher may merge several batches of their counties into one, planned as one run so
 * that its pools cross the batches (one first-mile bus, one flight for workers listed in different batches). The
 * batches merged keep their rows, marked `merged` and naming the batch that holds their workers now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE batches
      DROP CONSTRAINT batches_status_check,
      ADD CONSTRAINT batches_status_check
        CHECK (status IN ('queued', 'planning', 'planned', 'failed', 'merged')),
      ADD COLUMN merged_into uuid REFERENCES batches ON DELETE RESTRICT,
      ADD CONSTRAINT batches_merged_into CHECK ((status = 'merged') = (merged_into IS NOT NULL));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE batches
      DROP CONSTRAINT batches_merged_into,
      DROP COLUMN merged_into,
      DROP CONSTRAINT batches_status_check,
      ADD CONSTRAINT batches_status_check CHECK (status IN ('queued', 'planning', 'planned', 'failed'));
  `.execute(db);
}
