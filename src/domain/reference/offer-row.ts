import { z } from 'zod';
import { plainText } from '../batch/plain-text';
import type { RowError } from '../batch/row-error';
import { HARD_SEAT_CAR_SEATS, OFFER_BOUNDS, OfferKind, ServiceNumber, hubKindOf, offerProblems } from './offers';

/**
 * One offer as a dispatcher imports it (a JSON object or a CSV row: numbers may come as text). Hubs are named
 * by id or by code (IATA for airports, telegraph code for stations) and resolved against the hubs loaded.
 */
const custom = (code: string, message: string) => ({ code: 'custom' as const, message, params: { code } });

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** An ISO date and time with its offset (`2020-02-20T08:30+08:00`, seconds optional): an instant, unambiguous. */
export const Instant = z.string().transform((s, ctx) => {
  const m = INSTANT.exec(s.trim());
  const t = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7]}`) : NaN;
  // Date.parse rolls 2020-02-30 over to March: the calendar fields must read back unchanged.
  const back = Number.isNaN(t) ? '' : new Date(t + offsetMs(m![7])).toISOString().slice(0, 16);
  if (!m || back !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`) {
    ctx.addIssue({
      ...custom('invalid_datetime', 'expected an ISO date and time with offset, such as 2020-02-20T08:30:00+08:00'),
      input: s,
    });
    return z.NEVER;
  }
  return new Date(t);
});
const offsetMs = (o: string) =>
  o === 'Z' ? 0 : (o[0] === '-' ? -1 : 1) * (+o.slice(1, 3) * 60 + +o.slice(4)) * 60_000;

/** An integer in JSON, or digits in CSV. */
const Int = z.union([z.number(), z.string().trim().regex(/^\d+$/, 'expected a whole number').transform(Number)]);
/** Yuan with at most two decimals (`1234.5`), converted to fen exactly: no binary fraction ever rounds it. */
const Yuan = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(String(v).trim());
  if (!m) {
    ctx.addIssue({ ...custom('invalid_price', 'expected yuan with at most two decimals, such as 1234.50'), input: v });
    return z.NEVER;
  }
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
});
/** Empty CSV cells and JSON nulls are absent. */
const optional = <S extends z.ZodType>(s: S) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional());
const HubRef = z.string().trim().min(1, 'name a hub by id or code').max(64);

export const OfferRowSchema = z
  .object({
    service: ServiceNumber,
    kind: z.string().trim().toLowerCase().pipe(OfferKind),
    fromHub: HubRef,
    toHub: HubRef,
    departsAt: Instant,
    arrivesAt: Instant,
    seats: Int.pipe(z.number().int().min(1).max(OFFER_BOUNDS.maxSeats.rail)),
    cars: optional(Int.pipe(z.number().int().min(1).max(OFFER_BOUNDS.maxCars))),
    priceFen: optional(Int.pipe(z.number().int().min(0).max(OFFER_BOUNDS.maxPriceFen))),
    priceYuan: optional(Yuan.pipe(z.number().max(OFFER_BOUNDS.maxPriceFen))),
    /** Aircraft type or train formation, as the operator states it ("A320", "18 × YZ25G"). */
    equipment: optional(plainText('equipment', 100)),
    /** Until when the offer may be booked (at most its departure). */
    validUntil: optional(Instant),
  })
  .superRefine((r, ctx) => {
    if ((r.priceFen === undefined) === (r.priceYuan === undefined))
      ctx.addIssue({ ...custom('price_required', 'give exactly one of priceFen and priceYuan'), path: ['priceFen'] });
    for (const p of offerProblems(r)) ctx.addIssue({ ...custom(p.code, p.message), path: [p.field] });
  })
  .transform(({ priceYuan, cars, equipment, validUntil, ...r }) => ({
    ...r,
    priceFen: r.priceFen ?? priceYuan!,
    // A reserved carriage is priced per car: without a count, the fewest cars that hold its seats.
    ...(cars !== undefined || r.kind === 'reserved-carriage'
      ? { cars: cars ?? Math.ceil(r.seats / HARD_SEAT_CAR_SEATS) }
      : {}),
    ...(equipment !== undefined ? { equipment } : {}),
    ...(validUntil !== undefined ? { validUntil } : {}),
  }));
export type OfferRow = z.infer<typeof OfferRowSchema>;

/** An imported offer with its hubs resolved: what is stored. */
export type ImportedOffer = Omit<OfferRow, 'fromHub' | 'toHub'> & { fromHubId: string; toHubId: string };

export interface HubKey {
  id: string;
  kind: 'station' | 'airport';
  code: string;
}
type Resolved = { hubId: string } | { code: string; message: string };

/** Resolves a hub named by id, or by code among hubs of the kind the offer runs between. */
export function resolveHub(hubs: readonly HubKey[], ref: string, kind?: 'station' | 'airport'): Resolved {
  const byId = hubs.find((h) => h.id === ref);
  const upper = ref.toUpperCase();
  const byCode = byId ? [byId] : hubs.filter((h) => h.code.toUpperCase() === upper);
  const fitting = byCode.filter((h) => !kind || h.kind === kind);
  if (fitting.length === 1) return { hubId: fitting[0].id };
  if (fitting.length > 1)
    return { code: 'ambiguous_hub', message: `${ref} names ${fitting.map((h) => h.id).join(', ')}: give the hub id` };
  if (byCode.length)
    return {
      code: 'wrong_hub_kind',
      message: `${ref} is ${byCode[0].kind === 'airport' ? 'an airport' : 'a station'}`,
    };
  return { code: 'unknown_hub', message: `hub ${ref} unknown: search /api/v1/reference/hubs or add it` };
}

/** A row's problem with a stable code (`unknown_hub`, `invalid_datetime`, zod's `invalid_type`, …). */
export type OfferRowError = RowError & { code: string };

const issueCode = (i: z.core.$ZodIssue) =>
  i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : i.code;

/**
 * Every row checked, never stopping at the first problem: its fields, then its hubs (named hubs are resolved
 * even when another field of the row is bad, so one answer lists all there is to fix), then repeats in the file.
 * `rowOf` numbers the rows as the sender sees them (a CSV's line numbers); by default offers[0] is row 1.
 * Offers only when there is no problem at all.
 */
export function validateOfferRows(
  raw: readonly unknown[],
  hubs: readonly HubKey[],
  rowOf: (index: number) => number = (i) => i + 1,
): { offers: ImportedOffer[]; errors: OfferRowError[] } {
  const offers: ImportedOffer[] = [];
  const errors: OfferRowError[] = [];
  const seen = new Map<string, number>();
  raw.forEach((r, index) => {
    const issue = (field: string, code: string, message: string) =>
      errors.push({ row: rowOf(index), field, code, message });
    const parsed = OfferRowSchema.safeParse(r);
    const bad = new Set<string>();
    for (const i of parsed.error?.issues ?? []) {
      const field = i.path.map(String).join('.') || '(row)';
      bad.add(field);
      issue(field, issueCode(i), i.message);
    }
    const ids = rowHubs(r, bad, hubs, issue);
    if (!parsed.success || !ids) return;
    const { fromHub: _f, toHub: _t, ...rest } = parsed.data;
    const offer = { ...rest, ...ids };
    const first = seen.get(offerKey(offer));
    if (first !== undefined) issue('service', 'duplicate_row', `the same offer as row ${rowOf(first)}`);
    else {
      seen.set(offerKey(offer), index);
      offers.push(offer);
    }
  });
  return { offers: errors.length ? [] : offers, errors };
}

/** A raw row's hubs resolved (each named one, whatever else is wrong with the row); undefined unless both are. */
function rowHubs(
  r: unknown,
  bad: ReadonlySet<string>,
  hubs: readonly HubKey[],
  issue: (field: string, code: string, message: string) => void,
): { fromHubId: string; toHubId: string } | undefined {
  const fields = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
  const kind = OfferKind.safeParse(typeof fields.kind === 'string' ? fields.kind.trim().toLowerCase() : undefined);
  const hubKind = kind.success ? hubKindOf(kind.data) : undefined;
  const ids: Partial<Record<'fromHub' | 'toHub', string>> = {};
  for (const field of ['fromHub', 'toHub'] as const) {
    const ref = fields[field];
    if (bad.has(field) || typeof ref !== 'string') continue;
    const res = resolveHub(hubs, ref.trim(), hubKind);
    if ('hubId' in res) ids[field] = res.hubId;
    else issue(field, res.code, res.message);
  }
  if (ids.fromHub && ids.fromHub === ids.toHub) {
    issue('toHub', 'same_hub', 'the offer must go from one hub to another');
    return undefined;
  }
  return ids.fromHub && ids.toHub ? { fromHubId: ids.fromHub, toHubId: ids.toHub } : undefined;
}

/** What makes an offer one offer within a scope: its service, kind, hubs and departure. */
export const offerKey = (o: Pick<ImportedOffer, 'service' | 'kind' | 'fromHubId' | 'toHubId' | 'departsAt'>) =>
  [o.service, o.kind, o.fromHubId, o.toHubId, o.departsAt.toISOString()].join('|');
