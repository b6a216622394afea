import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, ensureDatabase, migrate, type Database } from '../../src/db/database';
import { upsertPlaces } from '../../src/db/reference-repo';
import { loadPlaces } from '../../src/reference/load-fixtures';
import { createCipher, DEVELOPMENT_DATA_KEY } from '../../src/crypto/personal-data';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A fresh, migrated database with the sample gazetteer, dropped by `drop()`: tests never share state. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `p2p_test_${randomBytes(5).toString('hex')}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const db = createDatabase(url.toString(), 4);
  await migrate(db);
  await upsertPlaces(db, loadPlaces());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The cipher the services use when no DATA_KEY is set (development and test). */
export const testCipher = createCipher(DEVELOPMENT_DATA_KEY);
