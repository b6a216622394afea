import type { Principal } from '../auth/api-keys';
import { allows, countyScope } from '../auth/policy';
import type { Clock } from '../clock';
import type { OfferImportAnswer, OfferListAnswer, OfferRowError, OfferSearch, OfferView } from '../contracts/offers';
import type { Database } from '../db/database';
import { deleteOffer, findOffer, hubsNamed, insertOffers, listOffers, type OfferRecord } from '../db/offers-repo';
import { validateOfferRows } from '../domain/reference/offer-row';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';

export interface OffersDeps {
  db: Database;
  clock: Clock;
  knownCounties: () => Promise<Set<string>>;
}

export interface OfferSubmission {
  rows: readonly unknown[];
  /** The file line of each row (CSV), so errors name the line to fix; JSON rows are numbered from 1. */
  lines?: readonly number[];
  /** Whose offers they are; a dispatcher's key's counties when absent. */
  countyCodes?: readonly string[];
}

export const offerView = (r: OfferRecord): OfferView => ({
  id: r.id,
  service: r.service,
  kind: r.kind,
  fromHubId: r.from_hub_id,
  toHubId: r.to_hub_id,
  departsAt: r.departs_at.toISOString(),
  arrivesAt: r.arrives_at.toISOString(),
  seats: r.seats,
  cars: r.cars,
  priceFen: r.price_fen,
  equipment: r.equipment,
  validUntil: r.valid_until?.toISOString() ?? null,
  countyCodes: r.county_codes,
  importedAt: r.imported_at.toISOString(),
});

/**
 * The counties an import belongs to: those named (each in the key's scope, else 403) or the dispatcher's own.
 * An admin acts for no county of its own, so it names them. Problems of the names join the row errors.
 */
async function importCounties(
  deps: OffersDeps,
  p: Principal,
  named: readonly string[] | undefined,
): Promise<{ counties: string[]; errors: OfferRowError[] }> {
  const scope = countyScope(p);
  const outside = (named ?? []).filter((c) => !allows(scope, c));
  if (outside.length)
    throw new ForbiddenError(`this key may not import offers for counties ${outside.join(', ')}`, {
      counties: outside,
    }).because('counties_outside_scope', { counties: outside.join(', ') });
  const counties = [...new Set(named ?? scope ?? [])].sort();
  if (scope !== null && !counties.length)
    throw new ForbiddenError('this key acts for no county').because('no_county_scope');
  if (!counties.length)
    return {
      counties,
      errors: [{ row: 0, field: 'countyCodes', code: 'required', message: 'an admin names the offers’ counties' }],
    };
  const known = await deps.knownCounties();
  const errors = counties
    .filter((c) => !known.has(c))
    .map((c) => ({ row: 0, field: 'countyCodes', code: 'unknown_county', message: `county ${c} unknown` }));
  return { counties, errors };
}

const refsOf = (rows: readonly unknown[]) =>
  rows.flatMap((r) =>
    typeof r === 'object' && r !== null
      ? [(r as Record<string, unknown>).fromHub, (r as Record<string, unknown>).toHub]
          .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
          .map((v) => v.trim())
      : [],
  );

const refused = (errors: OfferRowError[]) =>
  new ValidationError(
    `${errors.length} problem(s) in the offers; nothing was stored`,
    [...errors].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field)),
  ).because('offer_import_invalid', { count: errors.length });

/**
 * Checks every row (fields, times, hubs resolved by id or code, repeats) and stores all of them in one
 * transaction, or none: any problem → 422 listing each row and field; offers stored before for the same
 * counties → 422 naming their rows.
 */
export async function importOffers(deps: OffersDeps, p: Principal, s: OfferSubmission): Promise<OfferImportAnswer> {
  const { counties, errors: countyErrors } = await importCounties(deps, p, s.countyCodes);
  const rowOf = (i: number) => s.lines?.[i] ?? i + 1;
  const { offers, errors } = validateOfferRows(s.rows, await hubsNamed(deps.db, refsOf(s.rows)), rowOf);
  if (!s.rows.length)
    errors.push({ row: 0, field: 'offers', code: 'too_small', message: 'an import needs at least one offer' });
  if (countyErrors.length || errors.length) throw refused([...countyErrors, ...errors]);
  const meta = { countyCodes: counties, importedBy: p.keyId, importedAt: deps.clock.now() };
  const result = await insertOffers(deps.db, offers, meta);
  if ('duplicates' in result)
    throw refused(
      result.duplicates.map((i) => ({
        row: rowOf(i),
        field: 'service',
        code: 'already_imported',
        message: `${offers[i].service} departing ${offers[i].departsAt.toISOString()} is already stored`,
      })),
    );
  return { count: result.stored.length, items: result.stored.map(offerView) };
}

/** The offers of the key's counties (admin: all) matching the search: the total and one page. */
export async function findOffers(deps: Pick<OffersDeps, 'db'>, p: Principal, q: OfferSearch): Promise<OfferListAnswer> {
  const { total, items } = await listOffers(deps.db, { ...q, scope: countyScope(p) });
  return { total, items: items.map(offerView) };
}

/**
 * Deletes an offer of the key's counties. One shared with counties beyond the key's (imported by a key of
 * more counties) is visible but stays: 403. One out of scope answers like one that does not exist.
 */
export async function removeOffer(deps: Pick<OffersDeps, 'db'>, p: Principal, id: string): Promise<void> {
  const scope = countyScope(p);
  const offer = await findOffer(deps.db, id, scope);
  if (!offer) throw new NotFoundError('offer');
  const beyond = offer.county_codes.filter((c) => !allows(scope, c));
  if (beyond.length)
    throw new ForbiddenError(
      `the offer is shared with counties ${beyond.join(', ')}: a key of theirs deletes it`,
    ).because('offer_shared', { counties: beyond.join(', ') });
  if (!(await deleteOffer(deps.db, id, scope))) throw new NotFoundError('offer');
}
