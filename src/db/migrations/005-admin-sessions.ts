import { sql, type Kysely } from 'kysely';

/**
 * Browser sessions of the admin dashboard: a random token (stored hashed) instead of the admin key in a
 * cookie, with an expiry and a CSRF token for writes. Revoking the key ends its sessions (the look-up joins it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE admin_sessions (
      token_hash text PRIMARY KEY,
      key_id uuid NOT NULL REFERENCES api_keys ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      CHECK (expires_at > created_at)
    )`.execute(db);
  await sql`CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE admin_sessions`.execute(db);
}
