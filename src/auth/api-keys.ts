import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { Role } from '../db/schema';

export const RoleSchema = z.enum(['dispatcher', 'enterprise', 'finance', 'admin']);

/** Who is calling: role and the county codes or factory ids the key may act on (admin: everything). */
export interface Principal {
  keyId: string;
  role: Role;
  scopes: readonly string[];
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Issues a key; only its hash is stored, so the plain key is shown once. */
export async function createApiKey(
  db: Database,
  role: Role,
  scopes: string[],
  label: string | null = null,
  expiresAt: Date | null = null,
): Promise<{ id: string; key: string }> {
  const key = `p2p_${role.slice(0, 3)}_${randomBytes(24).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ key_hash: hashKey(key), prefix: key.slice(0, 12), role, scopes, label, expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** The key's principal, unless it is unknown, revoked or expired at `now`. */
export async function findPrincipal(db: Database, key: string, now: Date): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'role', 'scopes'])
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row ? { keyId: row.id, role: row.role, scopes: row.scopes } : null;
}

/** Whether the principal may act on a county (dispatcher, finance) or a factory (enterprise). */
export const inScope = (p: Principal, value: string): boolean => p.role === 'admin' || p.scopes.includes(value);
