import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '../../src/db/database';
import { setUpDatabase } from '../../src/db/database-setup';
import { upsertPlaces } from '../../src/db/reference-repo';
import { loadPlaces } from '../../src/reference/load-fixtures';
import { createCipher, DEVELOPMENT_DATA_KEY } from '../../src/crypto/personal-data';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The app's role in tests, as in production (made by the set-up, shared by every test database of the cluster). */
export const TEST_APP_ROLE = 'p2p_app';

export interface TestDatabase {
  /** The app's connection (role p2p_app): what the test service and spawned services use as DATABASE_URL. */
  url: string;
  /** The superuser's connection to the same database (the owner's step of start-up). */
  ownerUrl: string;
  /** On `ownerUrl`: tests arrange and inspect rows with it, beyond what the app may. */
  db: Database;
  drop(): Promise<void>;
}

/** The app role's URL for a database of the test server. */
export function appUrlFor(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = TEST_APP_ROLE;
  url.password = '';
  return url.toString();
}

/**
 * A fresh database with the sample gazetteer, dropped by `drop()`: tests never share state. Set up like
 * production: owned and migrated by the owner role, the app role granted (src/db/database-setup.ts).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `p2p_test_${randomBytes(5).toString('hex')}`;
  const owner = new URL(PG_ADMIN_URL);
  owner.pathname = `/${name}`;
  const ownerUrl = owner.toString();
  await setUpDatabase({ ownerUrl, appUrl: appUrlFor(ownerUrl) });
  const db = createDatabase(ownerUrl, 4);
  await upsertPlaces(db, loadPlaces());
  return {
    url: appUrlFor(ownerUrl),
    ownerUrl,
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
