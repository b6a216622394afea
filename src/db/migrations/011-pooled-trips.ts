import { sql, type Kysely } from 'kysely';

/**
 * Pooled planning: each trip keeps every option its pool compared, the chosen one and the dropped ones with their
 * codes (JSON, parsed on the way out). Trips planned before carry none. Vehicle keys, crews and services live in
 * the legs' JSON already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE trips ADD COLUMN mode_options jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE trips DROP COLUMN mode_options`.execute(db);
}
