import { sql, type Kysely } from 'kysely';

/**
 * Storing a plan writes every passenger and marks every worker planned, in one transaction.
 *
 * Marking: each worker row is updated once, and an update stays on its page (HOT: none of the table's six indexes
 * touched) only while the page has room for the new version beside the old, which the storing transaction cannot
 * prune. Fillfactor 70 (migration 017) left room for about 6 of a page's 15 rows: 42 % of a 200,000-worker batch
 * was updated in place and the rest wrote an entry into every index. At 50 every row of a freshly submitted batch
 * fits its new version.
 *
 * Seating: a passenger's batch is the batch of its trip. One foreign key on (trip, batch) says so, where two checked
 * each alone (and let a passenger name another batch than its trip's): one look-up per passenger fewer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE batch_workers SET (fillfactor = 50);
    ALTER TABLE trips ADD CONSTRAINT trips_id_batch UNIQUE (id, batch_id);
    ALTER TABLE trip_passengers
      DROP CONSTRAINT trip_passengers_trip_id_fkey,
      DROP CONSTRAINT trip_passengers_batch_id_fkey,
      ADD CONSTRAINT trip_passengers_trip_batch FOREIGN KEY (trip_id, batch_id)
        REFERENCES trips (id, batch_id) ON DELETE CASCADE;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE trip_passengers
      DROP CONSTRAINT trip_passengers_trip_batch,
      ADD CONSTRAINT trip_passengers_trip_id_fkey FOREIGN KEY (trip_id) REFERENCES trips ON DELETE CASCADE,
      ADD CONSTRAINT trip_passengers_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES batches ON DELETE CASCADE;
    ALTER TABLE trips DROP CONSTRAINT trips_id_batch;
    ALTER TABLE batch_workers SET (fillfactor = 70);
  `.execute(db);
}
