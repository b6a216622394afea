/** Databases of their own for tests and benchmarks: created, migrated, loaded with the sample gazetteer, dropped. */
import pg from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { createDatabase, ensureDatabase, migrate, type Database } from '../../src/db/database';
import { upsertPlaces } from '../../src/db/reference-repo';
import type { Role } from '../../src/db/schema';
import { loadPlaces } from '../../src/reference/load-fixtures';

/** Creates, migrates and loads the sample gazetteer into a database on any server. */
export async function prepareDatabase(url: string): Promise<Database> {
  await ensureDatabase(url);
  const db = createDatabase(url, 4);
  await migrate(db);
  await upsertPlaces(db, loadPlaces());
  return db;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

export const newKey = async (db: Database, role: Role, scopes: string[] = []): Promise<string> =>
  (await createApiKey(db, role, scopes)).key;
