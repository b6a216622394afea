import { sql, type Kysely } from 'kysely';

/** A dispatcher can lock a trip: re-planning and hand edits leave it as it is. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE trips ADD COLUMN locked boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE trips DROP COLUMN locked`.execute(db);
}
