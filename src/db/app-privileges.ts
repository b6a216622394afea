/**
 * What the app's role may do in the database, and the check that its connections can do no more.
 *
 * The app's role owns nothing, so it cannot ALTER (or DISABLE TRIGGER on), DROP or TRUNCATE a table, and
 * it holds no role attribute (superuser, CREATEROLE, CREATEDB, BYPASSRLS). It gets:
 * - USAGE on schema `public` (no CREATE: nobody but the owner creates objects there);
 * - SELECT, INSERT, UPDATE, DELETE on every table, except `audit_log` (SELECT and INSERT: append-only),
 *   `trunk_offers` (SELECT, INSERT, DELETE: an offer is replaced, never edited) and the migrator's own tables
 *   (SELECT: start-up checks that no migration is pending);
 * - USAGE on every sequence (nextval for `bigserial` keys).
 * `grantAppRole` runs after every migration run, so it covers tables that later migrations create and
 * applies changes of this map to existing databases. Default privileges of the owner role grant the plain
 * table privileges on tables the owner creates later, so a table created by a migration run that did not
 * end with `grantAppRole` (a half-finished run, an operator's script) is usable too; a table that needs
 * less goes into the map below.
 */
import { sql } from 'kysely';
import { ROLE_NAME, type Database } from './database';

/** Tables the app reads and appends to, never changes. */
export const APPEND_ONLY_TABLES = ['audit_log'] as const;
/** Tables the app reads, inserts and deletes rows of, never changes one. */
export const NO_UPDATE_TABLES = ['trunk_offers'] as const;
/** Tables the app only reads: the migrator's bookkeeping. */
export const READ_ONLY_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

/**
 * Gives `appRole` exactly the privileges above on the database of `owner` (a connection running as the
 * role that owns the tables), in one transaction: first every privilege of the app's role is revoked, so a
 * privilege taken away here is taken away in existing databases too.
 */
export async function grantAppRole(owner: Database, appRole: string, ownerRole: string): Promise<void> {
  for (const r of [appRole, ownerRole]) if (!ROLE_NAME.test(r)) throw new Error(`bad role name "${r}"`);
  const app = sql.id(appRole);
  await owner.transaction().execute(async (tx) => {
    // Concurrent start-ups take turns: GRANT on one object from two sessions at once fails.
    await sql`SELECT pg_advisory_xact_lock(hashtext('p2p grants'))`.execute(tx);
    const existing = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(tx);
    const tables = new Set(existing.rows.map((r) => r.name));
    const statements = [
      sql`REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      sql`REVOKE ALL ON SCHEMA public FROM ${app}`,
      sql`GRANT USAGE ON SCHEMA public TO ${app}`,
      sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`,
      sql`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`,
      sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
      sql`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
      ...APPEND_ONLY_TABLES.filter((t) => tables.has(t)).map(
        (t) => sql`REVOKE UPDATE, DELETE ON ${sql.id(t)} FROM ${app}`,
      ),
      ...NO_UPDATE_TABLES.filter((t) => tables.has(t)).map((t) => sql`REVOKE UPDATE ON ${sql.id(t)} FROM ${app}`),
      ...READ_ONLY_TABLES.filter((t) => tables.has(t)).map(
        (t) => sql`REVOKE INSERT, UPDATE, DELETE ON ${sql.id(t)} FROM ${app}`,
      ),
      sql`ALTER DEFAULT PRIVILEGES FOR ROLE ${sql.id(ownerRole)} IN SCHEMA public
            GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      sql`ALTER DEFAULT PRIVILEGES FOR ROLE ${sql.id(ownerRole)} IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${app}`,
    ];
    for (const s of statements) await s.execute(tx);
  });
}

/**
 * What the connection's role may do beyond the app's needs (empty: nothing). A superuser or a table owner
 * could rewrite paid subsidies and the audit log, truncate tables or disable the freeze triggers.
 */
export async function privilegeProblems(db: Database): Promise<string[]> {
  const { rows } = await sql<{
    role: string;
    rolsuper: boolean;
    rolcreaterole: boolean;
    rolcreatedb: boolean;
    rolbypassrls: boolean;
    owns: string | null;
    creates: boolean;
  }>`
    SELECT r.rolname AS role, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
           (SELECT min(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS owns,
           has_schema_privilege(r.oid, 'public', 'CREATE') AS creates
      FROM pg_roles r WHERE r.rolname = current_user`.execute(db);
  const r = rows[0];
  const problems = [
    r.rolsuper && 'is a superuser',
    r.rolcreaterole && 'may create roles',
    r.rolcreatedb && 'may create databases',
    r.rolbypassrls && 'bypasses row security',
    r.owns && `owns the tables (or acts as their owner), e.g. ${r.owns}`,
    r.creates && 'may create objects in schema public',
  ].filter((p): p is string => typeof p === 'string');
  return problems.map((p) => `role ${r.role} ${p}`);
}
