import { sql, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { offerKey, type HubKey, type ImportedOffer } from '../domain/reference/offer-row';
import { TrunkOfferSchema, type OfferKind, type TrunkOffer } from '../domain/reference/offers';
import type { Database } from './database';
import type { DB, TrunkOffersTable } from './schema';

export type OfferRecord = Selectable<TrunkOffersTable>;
/** Counties a key acts for (null: all, an admin); an offer is in scope when one of its counties is. */
type Scope = readonly string[] | null;

const visible = (eb: ExpressionBuilder<DB, 'trunk_offers'>, scope: Scope) =>
  scope === null
    ? sql<SqlBool>`true`
    : scope.length
      ? eb(sql`county_codes`, '&&', sql<string[]>`${sql.val([...scope])}::text[]`)
      : sql<SqlBool>`false`;

/** The hubs an import names, by id or by code (any case): the import resolves each row among them. */
export async function hubsNamed(db: Database, refs: readonly string[]): Promise<HubKey[]> {
  if (!refs.length) return [];
  const upper = [...new Set(refs.map((r) => r.toUpperCase()))];
  return db
    .selectFrom('hubs')
    .select(['id', 'kind', 'code'])
    .where((eb) => eb.or([eb('id', 'in', [...new Set(refs)]), eb(sql`upper(code)`, 'in', upper)]))
    .orderBy('id')
    .execute();
}

/** Rolls the import back from inside its transaction, carrying the rows already stored. */
class AlreadyStored extends Error {
  constructor(readonly indexes: number[]) {
    super('offers already stored');
  }
}

const CHUNK = 500;
/** Service numbers in byte order, as the domain's compareOffers sorts them (no locale's collation). */
const byService = sql`service COLLATE "C"`;

/**
 * Stores every offer of an import in one transaction, or none: when some are already stored for the same
 * counties (same service, kind, hubs and departure), nothing is kept and their positions come back.
 */
export async function insertOffers(
  db: Database,
  offers: readonly ImportedOffer[],
  meta: { countyCodes: readonly string[]; importedBy: string; importedAt: Date },
): Promise<{ stored: OfferRecord[] } | { duplicates: number[] }> {
  const countyCodes = [...new Set(meta.countyCodes)].sort();
  try {
    const stored = await db.transaction().execute(async (tx) => {
      const out: OfferRecord[] = [];
      for (let i = 0; i < offers.length; i += CHUNK) {
        const rows = offers.slice(i, i + CHUNK).map((o) => ({
          service: o.service,
          kind: o.kind,
          from_hub_id: o.fromHubId,
          to_hub_id: o.toHubId,
          departs_at: o.departsAt,
          arrives_at: o.arrivesAt,
          seats: o.seats,
          cars: o.cars ?? null,
          price_fen: o.priceFen,
          equipment: o.equipment ?? null,
          valid_until: o.validUntil ?? null,
          county_codes: countyCodes,
          imported_by: meta.importedBy,
          imported_at: meta.importedAt,
        }));
        const conflict = ['county_codes', 'service', 'kind', 'from_hub_id', 'to_hub_id', 'departs_at'] as const;
        out.push(
          ...(await tx
            .insertInto('trunk_offers')
            .values(rows)
            .onConflict((oc) => oc.columns(conflict).doNothing())
            .returningAll()
            .execute()),
        );
      }
      if (out.length < offers.length) {
        const kept = new Set(out.map((r) => offerKey(recordKey(r))));
        throw new AlreadyStored(offers.flatMap((o, i) => (kept.has(offerKey(o)) ? [] : [i])));
      }
      const byKey = new Map(out.map((r) => [offerKey(recordKey(r)), r]));
      return offers.map((o) => byKey.get(offerKey(o))!);
    });
    return { stored };
  } catch (e) {
    if (e instanceof AlreadyStored) return { duplicates: e.indexes };
    throw e;
  }
}

const recordKey = (r: OfferRecord) => ({
  service: r.service,
  kind: r.kind,
  fromHubId: r.from_hub_id,
  toHubId: r.to_hub_id,
  departsAt: r.departs_at,
});

export interface OfferFilter {
  scope: Scope;
  /** Hub ids or codes: the departure hub, the arrival hub, either end. */
  from?: string;
  to?: string;
  hub?: string;
  kind?: OfferKind;
  departsAfter?: Date;
  departsBefore?: Date;
  limit: number;
  offset: number;
}

const hubsMatching = (db: Database, ref: string) =>
  db
    .selectFrom('hubs')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb(sql`upper(code)`, '=', ref.toUpperCase())]));

/** The offers in scope matching the filter: the total and one page, by departure, service and id. */
export async function listOffers(db: Database, f: OfferFilter): Promise<{ total: number; items: OfferRecord[] }> {
  let q = db.selectFrom('trunk_offers').where((eb) => visible(eb, f.scope));
  if (f.from) q = q.where('from_hub_id', 'in', hubsMatching(db, f.from));
  if (f.to) q = q.where('to_hub_id', 'in', hubsMatching(db, f.to));
  if (f.hub) {
    const ids = hubsMatching(db, f.hub);
    q = q.where((eb) => eb.or([eb('from_hub_id', 'in', ids), eb('to_hub_id', 'in', ids)]));
  }
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.departsAfter) q = q.where('departs_at', '>=', f.departsAfter);
  if (f.departsBefore) q = q.where('departs_at', '<=', f.departsBefore);
  const [count, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q.selectAll().orderBy('departs_at').orderBy(byService).orderBy('id').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { total: Number(count.n), items };
}

/** One offer, if it is in scope. */
export const findOffer = (db: Database, id: string, scope: Scope): Promise<OfferRecord | undefined> =>
  db
    .selectFrom('trunk_offers')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visible(eb, scope))
    .executeTakeFirst();

/** Deletes an offer whose every county is in scope (null: any); false when there was none such. */
export async function deleteOffer(db: Database, id: string, scope: Scope): Promise<boolean> {
  let q = db.deleteFrom('trunk_offers').where('id', '=', id);
  if (scope !== null) q = q.where(sql<SqlBool>`county_codes <@ ${sql.val([...scope])}::text[]`);
  const r = await q.executeTakeFirst();
  return r.numDeletedRows > 0n;
}

const toTrunkOffer = (r: OfferRecord): TrunkOffer =>
  TrunkOfferSchema.parse({
    id: r.id,
    service: r.service,
    kind: r.kind,
    fromHubId: r.from_hub_id,
    toHubId: r.to_hub_id,
    departsAt: r.departs_at,
    arrivesAt: r.arrives_at,
    seats: r.seats,
    ...(r.cars !== null ? { cars: r.cars } : {}),
    priceFen: r.price_fen,
    countyCodes: r.county_codes,
  });

/**
 * The offers a batch of `countyCodes` may use: those of any of its counties departing in [from, to] (both
 * included), and with `at`, still bookable then (no `validUntil` before it); by departure, service and id.
 * Each is parsed with the domain schema, so the planner gets exactly `TrunkOffer`.
 */
export async function loadOffersForPlanning(
  db: Database,
  opts: { countyCodes: readonly string[]; from: Date; to: Date; at?: Date },
): Promise<TrunkOffer[]> {
  let q = db
    .selectFrom('trunk_offers')
    .selectAll()
    .where((eb) => visible(eb, opts.countyCodes))
    .where('departs_at', '>=', opts.from)
    .where('departs_at', '<=', opts.to);
  const at = opts.at;
  if (at) q = q.where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', at)]));
  const rows = await q.orderBy('departs_at').orderBy(byService).orderBy('id').execute();
  return rows.map(toTrunkOffer);
}
