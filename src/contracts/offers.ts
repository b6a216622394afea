import { z } from 'zod';
import { Instant, type OfferRowError } from '../domain/reference/offer-row';
import { OfferKind } from '../domain/reference/offers';
import { CountyCode } from '../domain/reference/places';
import { ValidationError } from '../errors';
import { rowErrorsOf } from './parse';

export { OfferRowSchema, type OfferRow, type OfferRowError } from '../domain/reference/offer-row';
export { OFFER_KINDS, OfferKind, TrunkOfferSchema, type TrunkOffer } from '../domain/reference/offers';

/** At most this many offers per import: a county's timetable for a season, not a national one. */
export const MAX_OFFERS_PER_IMPORT = 5000;

const Counties = z.array(CountyCode).min(1).max(64);

/**
 * `POST /offers` as JSON: `{countyCodes?, offers:[…]}`. Only the shape is checked here; each offer is checked
 * by the import (every row and field at once). `countyCodes`: whose offers they are (a dispatcher's key's
 * counties by default; an admin names them).
 */
export const OfferImportSchema = z.object(
  {
    countyCodes: Counties.optional(),
    offers: z
      .array(z.unknown(), { error: 'expected offers:[…], one object per offer' })
      .min(1, 'an import needs at least one offer')
      .max(MAX_OFFERS_PER_IMPORT, `an import holds at most ${MAX_OFFERS_PER_IMPORT} offers`),
  },
  { error: 'expected {offers:[…]}' },
);
export type OfferImport = z.infer<typeof OfferImportSchema>;

/** `POST /offers` as CSV: the counties in `?counties=140222,140225`. */
export const OfferCsvQuerySchema = z.object({
  counties: z
    .string()
    .transform((s) => s.split(',').map((c) => c.trim()))
    .pipe(Counties)
    .optional(),
});

/** The body's shape, with the import's row errors (`offers[2]` is row 3; the body itself is row 0). */
export function parseOfferImport(body: unknown): OfferImport {
  const parsed = OfferImportSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const errors: OfferRowError[] = rowErrorsOf(issues, 'offers').map((e, k) => ({
    row: e.row,
    field: e.field,
    message: e.message,
    code: issues[k].code,
  }));
  throw new ValidationError('invalid offer import; nothing was stored', errors).because('offer_import_invalid', {
    count: errors.length,
  });
}

const HubRef = z.string().trim().min(1).max(64).optional();

/**
 * `GET /offers?from=&to=&hub=&kind=&departsAfter=&departsBefore=&limit=&offset=`: hubs by id or code (as in
 * an import; `hub` is either end), departures within the bounds (both included).
 */
export const OfferSearchSchema = z.object({
  from: HubRef,
  to: HubRef,
  hub: HubRef,
  kind: OfferKind.optional(),
  departsAfter: Instant.optional(),
  departsBefore: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OfferSearch = z.infer<typeof OfferSearchSchema>;

/** One stored offer as the API answers it (instants in ISO 8601 UTC). */
export const OfferViewSchema = z.object({
  id: z.string(),
  service: z.string(),
  kind: OfferKind,
  fromHubId: z.string(),
  toHubId: z.string(),
  departsAt: z.string(),
  arrivesAt: z.string(),
  seats: z.number().int(),
  cars: z.number().int().nullable(),
  priceFen: z.number().int(),
  equipment: z.string().nullable(),
  validUntil: z.string().nullable(),
  countyCodes: z.array(z.string()),
  importedAt: z.string(),
});
export type OfferView = z.infer<typeof OfferViewSchema>;

/** `201` of `POST /offers`. */
export interface OfferImportAnswer {
  count: number;
  items: OfferView[];
}
/** `GET /offers`. */
export interface OfferListAnswer {
  total: number;
  items: OfferView[];
}
