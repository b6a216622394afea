/**
 * The owner's start-up step (DATABASE_OWNER_URL): the roles, the database, the migrations run as the role
 * that owns the tables, and the app's grants. The app's connections (DATABASE_URL) come after, as a role
 * that owns nothing (src/db/app-privileges.ts).
 *
 * Who connects decides what this may do:
 * - a superuser (the embedded default, `postgres` under trust): creates the owner role (NOLOGIN, default
 *   `p2p_owner`) and the app role (LOGIN, with DATABASE_URL's password if it has one) when missing, creates the
 *   database owned by the owner role, hands the owner role what an earlier superuser-run set-up left owned
 *   by someone else (tables, sequences, functions, the database), and migrates as the owner role (SET ROLE);
 * - the owner role itself, or a member of it (a managed PostgreSQL, roles made by the operator): migrates and
 *   grants; it creates the app role only if it has CREATEROLE, and the database only if it has CREATEDB.
 */
import pg from 'pg';
import type { Logger } from '../logger';
import { grantAppRole, privilegeProblems } from './app-privileges';
import {
  createDatabase,
  databaseName,
  ensureDatabase,
  maintenanceUrl,
  migrate,
  pendingMigrations,
  ROLE_NAME,
  type Database,
} from './database';

export interface DatabaseSetup {
  ownerUrl: string;
  /** The app's connection: its user is the app role. */
  appUrl: string;
  /** The role owning the tables; default: the owner URL's user, or `p2p_owner` when that is a superuser. */
  ownerRole?: string;
}

export interface SetupResult {
  database: string;
  ownerRole: string;
  appRole: string;
  /** Roles and the database when made by this run. */
  created: string[];
  /** Objects handed to the owner role. */
  adopted: number;
  migrated: string[];
}

export const DEFAULT_OWNER_ROLE = 'p2p_owner';

interface Me {
  name: string;
  rolsuper: boolean;
  rolcreaterole: boolean;
}

const roleOf = (url: string, what: string): string => {
  const role = decodeURIComponent(new URL(url).username);
  if (!ROLE_NAME.test(role))
    throw new Error(`${what} must name its role (lower-case letters, digits, _), got "${role}"`);
  return role;
};

export async function setUpDatabase(s: DatabaseSetup): Promise<SetupResult> {
  const name = databaseName(s.appUrl);
  if (databaseName(s.ownerUrl) !== name)
    throw new Error('DATABASE_OWNER_URL and DATABASE_URL name different databases');
  const appRole = roleOf(s.appUrl, 'DATABASE_URL');
  const password = decodeURIComponent(new URL(s.appUrl).password) || null;
  const admin = new pg.Client({ connectionString: maintenanceUrl(s.ownerUrl) });
  admin.on('error', () => undefined); // a lost connection rejects the query in flight
  await admin.connect();
  const created: string[] = [];
  let me: Me;
  let ownerRole: string;
  try {
    // Start-ups of several processes, and test files sharing a cluster, take turns (roles are cluster-wide).
    await admin.query(`SELECT pg_advisory_lock(hashtext('p2p roles'))`);
    me = (
      await admin.query<Me>(
        'SELECT rolname AS name, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user',
      )
    ).rows[0];
    ownerRole = s.ownerRole ?? (me.rolsuper ? DEFAULT_OWNER_ROLE : me.name);
    if (!ROLE_NAME.test(ownerRole)) throw new Error(`bad owner role name "${ownerRole}"`);
    if (appRole === ownerRole || appRole === me.name)
      throw new Error(`DATABASE_URL must connect as a role of its own, not as ${appRole} (the owner's)`);
    if (await ensureRole(admin, me, ownerRole, 'NOLOGIN', null)) created.push(`role ${ownerRole}`);
    if (me.name !== ownerRole && !me.rolsuper && !(await isMember(admin, me.name, ownerRole)))
      throw new Error(`DATABASE_OWNER_URL connects as ${me.name}, which is neither ${ownerRole} nor a member of it`);
    if (await ensureRole(admin, me, appRole, 'LOGIN', password)) created.push(`role ${appRole}`);
    await checkAppRole(admin, appRole, ownerRole);
    const existed = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (!existed) {
      await ensureDatabase(s.appUrl, { client: admin, owner: ownerRole });
      created.push(`database ${name}`);
    } else if (me.rolsuper) {
      await admin.query(`ALTER DATABASE "${name}" OWNER TO ${ownerRole}`);
    }
    await admin.query(`GRANT CONNECT ON DATABASE "${name}" TO ${appRole}`);
  } finally {
    await admin.end(); // releases the lock
  }
  const adopted = me.rolsuper ? await adopt(s.ownerUrl, ownerRole) : 0;
  const owner = createDatabase(s.ownerUrl, 1, { role: me.name === ownerRole ? undefined : ownerRole });
  try {
    const migrated = await migrate(owner);
    await grantAppRole(owner, appRole, ownerRole);
    return { database: name, ownerRole, appRole, created, adopted, migrated };
  } finally {
    await owner.destroy();
  }
}

/**
 * The app's connection may do no more than the app needs: a role that is a superuser, holds a role attribute,
 * owns a table or may create in `public` stops start-up in production (a warning elsewhere). Without the
 * owner's step, outside production, such a DATABASE_URL still creates and migrates the database (the set-up
 * before roles). A pending migration stops start-up.
 */
export async function checkAppConnection(
  db: Database,
  opts: { url: string; production: boolean; ownerStep: boolean },
  log: Logger,
): Promise<void> {
  const legacy = !opts.ownerStep && !opts.production;
  const problems = await privilegeProblems(db).catch(async (e: { code?: string }) => {
    if (!legacy || e.code !== '3D000') throw e; // 3D000: no such database
    await ensureDatabase(opts.url);
    return privilegeProblems(db);
  });
  if (problems.length) {
    const message = `DATABASE_URL: ${problems.join(', ')}; the app must connect as a role that owns nothing (README "Database roles")`;
    if (opts.production) throw new Error(message);
    log.warn({ problems }, message);
    if (legacy) {
      await migrate(db);
      return;
    }
  }
  const pending = await pendingMigrations(db);
  if (pending.length)
    throw new Error(
      `the database needs migrations ${pending.join(', ')}: start once with DATABASE_OWNER_URL set, or run npm run cli -- setup-database (README "Database roles")`,
    );
}

/** Creates the role when missing (answers true) if this connection may; the app role's password is kept current. */
async function ensureRole(c: pg.Client, me: Me, role: string, login: string, password: string | null) {
  const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
  const secret = password === null ? '' : ` PASSWORD ${c.escapeLiteral(password)}`;
  if (exists) {
    if (secret && me.rolsuper) await c.query(`ALTER ROLE ${role}${secret}`);
    return false;
  }
  if (!me.rolsuper && !me.rolcreaterole)
    throw new Error(`role ${role} does not exist and ${me.name} may not create it: see "Database roles" in the README`);
  await c.query(`CREATE ROLE ${role} ${login}${secret}`).catch((e: { code?: string }) => {
    if (e.code !== '42710') throw e; // made meanwhile by a set-up that did not take the lock
  });
  return true;
}

const isMember = async (c: pg.Client, member: string, role: string) =>
  (await c.query<{ m: boolean }>(`SELECT pg_has_role($1, $2, 'MEMBER') AS m`, [member, role])).rows[0].m;

/** The app role must be a plain role: no attribute beyond LOGIN, no membership of the owner role. */
async function checkAppRole(c: pg.Client, appRole: string, ownerRole: string): Promise<void> {
  const { rows } = await c.query<{ bad: boolean }>(
    `SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication AS bad
       FROM pg_roles WHERE rolname = $1`,
    [appRole],
  );
  if (rows[0]?.bad)
    throw new Error(`role ${appRole} (DATABASE_URL) has attributes beyond LOGIN: ALTER ROLE ${appRole} NOSUPERUSER …`);
  if (await isMember(c, appRole, ownerRole))
    throw new Error(`role ${appRole} (DATABASE_URL) is a member of ${ownerRole}: REVOKE ${ownerRole} FROM ${appRole}`);
}

/**
 * Hands the owner role what an earlier set-up (migrations run as the superuser, before this module) left
 * owned by others in schema public: tables and views (with their sequences), free sequences, functions.
 */
async function adopt(ownerUrl: string, ownerRole: string): Promise<number> {
  const c = new pg.Client({ connectionString: ownerUrl });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const { rows } = await c.query<{ stmt: string }>(
      `SELECT format('ALTER %s %s OWNER TO %I',
                CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                               ELSE 'TABLE' END, c.oid::regclass, $1::text) AS stmt
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.deptype IN ('a', 'i', 'e'))
       UNION ALL
       SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                             AND d.deptype = 'e')`,
      [ownerRole],
    );
    for (const r of rows) await c.query(r.stmt);
    return rows.length;
  } finally {
    await c.end();
  }
}
