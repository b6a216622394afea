import type { Kysely } from 'kysely';
import type { DB } from './schema';

export interface AuditEntry {
  actor: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** When it happened by the service's clock (absent: the database's time). */
  at?: Date;
}

/** Appends to the audit log inside the caller's transaction, so the record and the change commit together. */
export async function audit(db: Kysely<DB>, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  for (let i = 0; i < list.length; i += 1000) {
    await db
      .insertInto('audit_log')
      .values(
        list.slice(i, i + 1000).map((e) => ({
          ...(e.at ? { at: e.at } : {}),
          actor: e.actor,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          before: e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === undefined ? null : JSON.stringify(e.after),
        })),
      )
      .execute();
  }
}
