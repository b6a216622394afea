import { sql, type Kysely } from 'kysely';

/**
 * Human vehicle labels that stay unique across batches: county, month-day and a sequence per county and local day
 * ("141028-0302-07"), counted here; each trip keeps the label of its main vehicle for look-ups and exports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE vehicle_label_counters (
      county_code text NOT NULL,
      day date NOT NULL,
      last_seq integer NOT NULL CHECK (last_seq > 0),
      PRIMARY KEY (county_code, day)
    );
    ALTER TABLE trips ADD COLUMN label text;
    CREATE INDEX trips_label ON trips (label);`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE vehicle_label_counters; ALTER TABLE trips DROP COLUMN label;`.execute(db);
}
