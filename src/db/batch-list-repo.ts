import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../auth/policy';
import type { Database } from './database';
import type { BatchRow, BatchStatus, DB } from './schema';

export interface BatchListFilter {
  /** The key's counties (null: all): a batch is listed when every county it spans is among them. */
  scope: Scope;
  status?: BatchStatus;
  /** A name substring (any case) or an id prefix. */
  text?: string;
  /** Submitted at or after. */
  createdFrom?: Date;
  /** Submitted before. */
  createdBefore?: Date;
  limit: number;
  offset: number;
}

export type BatchListRow = Pick<
  BatchRow,
  | 'id'
  | 'name'
  | 'status'
  | 'progress'
  | 'county_codes'
  | 'worker_count'
  | 'held_count'
  | 'trip_count'
  | 'created_at'
  | 'planned_at'
>;

const COLUMNS = [
  'id',
  'name',
  'status',
  'progress',
  'county_codes',
  'worker_count',
  'held_count',
  'trip_count',
  'created_at',
  'planned_at',
] as const;

/** Fewer hex digits than this are read as a name only: "2月" or "a" should not match a sixteenth of all ids. */
const MIN_ID_PREFIX = 4;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The ids starting with `prefix` as a range of the primary key (uuids order like their hex text), or null. */
export function idPrefixRange(prefix: string): [string, string] | null {
  const hex = prefix.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]+$/.test(hex) || hex.length < MIN_ID_PREFIX || hex.length > 32) return null;
  const uuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return [uuid(hex.padEnd(32, '0')), uuid(hex.padEnd(32, 'f'))];
}

/** Every county of the batch in scope; the overlap lets the GIN index of county_codes find the candidates. */
function inScope(eb: ExpressionBuilder<DB, 'batches'>, scope: Scope) {
  if (scope === null) return sql<SqlBool>`true`;
  if (!scope.length) return sql<SqlBool>`false`;
  const codes = sql<string[]>`${sql.val([...scope])}::text[]`;
  return eb.and([eb('county_codes', '&&', codes), eb('county_codes', '<@', codes)]);
}

function matchesText(eb: ExpressionBuilder<DB, 'batches'>, text: string) {
  const range = idPrefixRange(text);
  const byName = eb('name', 'ilike', like(text));
  return range ? eb.or([byName, eb.between('id', range[0], range[1])]) : byName;
}

/** One page of the batches a filter selects, newest first (then by id), and how many it selects in all. */
export async function findBatchPage(
  db: Database,
  f: BatchListFilter,
): Promise<{ total: number; rows: BatchListRow[] }> {
  const q = db.selectFrom('batches').where((eb) => {
    const and = [inScope(eb, f.scope)];
    if (f.status) and.push(eb('status', '=', f.status));
    if (f.text) and.push(matchesText(eb, f.text));
    if (f.createdFrom) and.push(eb('created_at', '>=', f.createdFrom));
    if (f.createdBefore) and.push(eb('created_at', '<', f.createdBefore));
    return eb.and(and);
  });
  const [total, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q.select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { total: Number(total.n), rows };
}
