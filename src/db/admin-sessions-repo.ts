import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './database';

export interface AdminSession {
  keyId: string;
  csrfToken: string;
  expiresAt: Date;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/** Sessions of the admin dashboard; the token is shown once (in the cookie) and stored hashed. */
export function adminSessionsRepo(db: Database) {
  return {
    /** Opens a session for an admin key until `now + ttlMs`, and drops sessions that have expired by `now`. */
    async open(keyId: string, now: Date, ttlMs: number): Promise<AdminSession & { token: string }> {
      const token = randomToken();
      const session = { keyId, csrfToken: randomToken(), expiresAt: new Date(now.getTime() + ttlMs) };
      await db.deleteFrom('admin_sessions').where('expires_at', '<=', now).execute();
      await db
        .insertInto('admin_sessions')
        .values({
          token_hash: hashOf(token),
          key_id: keyId,
          csrf_token: session.csrfToken,
          created_at: now,
          expires_at: session.expiresAt,
        })
        .execute();
      return { ...session, token };
    },

    /** The live session of `token` at `now`: not expired, and its admin key neither revoked nor expired. */
    async find(token: string, now: Date): Promise<AdminSession | null> {
      const row = await db
        .selectFrom('admin_sessions as s')
        .innerJoin('api_keys as k', 'k.id', 's.key_id')
        .select(['s.key_id', 's.csrf_token', 's.expires_at'])
        .where('s.token_hash', '=', hashOf(token))
        .where('s.expires_at', '>', now)
        .where('k.role', '=', 'admin')
        .where('k.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('k.expires_at', 'is', null), eb('k.expires_at', '>', now)]))
        .executeTakeFirst();
      return row ? { keyId: row.key_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
    },

    async close(token: string): Promise<void> {
      await db.deleteFrom('admin_sessions').where('token_hash', '=', hashOf(token)).execute();
    },
  };
}
export type AdminSessionsRepo = ReturnType<typeof adminSessionsRepo>;
