import { z } from 'zod';
import { CountyCode, Slug } from './places';
import { cmp } from '../order';

/**
 * Rail and air offers on a timetable, as the planner uses them. A dispatcher imports them (see offer-row.ts for
 * the imported row); each belongs to the counties of the key that imported it.
 *
 * What `priceFen` prices depends on the kind:
 * - `train-seats`, `flight-seats`: one seat;
 * - `reserved-carriage`: one carriage (`cars` of them are reserved);
 * - `special-train`, `charter-flight`: the whole train or aircraft.
 */
export const OFFER_KINDS = [
  'special-train',
  'reserved-carriage',
  'train-seats',
  'charter-flight',
  'flight-seats',
] as const;
export const OfferKind = z.enum(OFFER_KINDS);
export type OfferKind = z.infer<typeof OfferKind>;

export const RAIL_KINDS: readonly OfferKind[] = ['special-train', 'reserved-carriage', 'train-seats'];
export const AIR_KINDS: readonly OfferKind[] = ['charter-flight', 'flight-seats'];
/** Kinds that come in hard-seat carriages, so `cars` means something. */
export const CAR_KINDS: readonly OfferKind[] = ['special-train', 'reserved-carriage'];

/** The hub kind an offer runs between: trains between stations, flights between airports. */
export const hubKindOf = (kind: OfferKind): 'station' | 'airport' =>
  RAIL_KINDS.includes(kind) ? 'station' : 'airport';

/** Seats of one hard-seat carriage (YZ25 series, as the bundled special train's 18 × 118 = 2124). */
export const HARD_SEAT_CAR_SEATS = 118;

/**
 * What an offer may plausibly say: a typo in a year or a swapped departure and arrival is refused at import.
 * Rail: the longest direct services in China run about 60 h; air: no domestic flight runs 12 h.
 */
export const OFFER_BOUNDS = {
  earliest: Date.parse('2000-01-01T00:00:00Z'),
  latest: Date.parse('2100-01-01T00:00:00Z'),
  minMinutes: 10,
  maxHours: { rail: 72, air: 12 },
  maxSeats: { rail: 3000, air: 600 },
  maxCars: 25,
  /** 100 million yuan. */
  maxPriceFen: 10_000_000_000,
} as const;

/** A train number or a flight number: letters and digits with at least one digit ("Z2020", "CA8801", "3U8888"). */
export const ServiceNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?=.*\d)[A-Z0-9]{2,10}$/, 'expected a train or flight number such as Z2020 or CA8801');

export interface OfferProblem {
  field: string;
  code: string;
  message: string;
}

/** The rules that span an offer's fields: times in order and bounded, seats and cars fitting the kind. */
export function offerProblems(o: {
  kind: OfferKind;
  departsAt: Date;
  arrivesAt: Date;
  seats: number;
  cars?: number;
  validUntil?: Date;
}): OfferProblem[] {
  const out: OfferProblem[] = [];
  const mode = RAIL_KINDS.includes(o.kind) ? 'rail' : 'air';
  const dep = o.departsAt.getTime();
  const minutes = (o.arrivesAt.getTime() - dep) / 60_000;
  for (const [field, t] of [
    ['departsAt', dep],
    ['arrivesAt', o.arrivesAt.getTime()],
  ] as const)
    if (t < OFFER_BOUNDS.earliest || t >= OFFER_BOUNDS.latest)
      out.push({ field, code: 'out_of_range', message: 'expected a date between 2000 and 2099' });
  if (minutes <= 0)
    out.push({ field: 'arrivesAt', code: 'arrives_before_departs', message: 'arrivesAt must be after departsAt' });
  else if (minutes < OFFER_BOUNDS.minMinutes || minutes > OFFER_BOUNDS.maxHours[mode] * 60)
    out.push({
      field: 'arrivesAt',
      code: 'implausible_duration',
      message: `a ${mode} journey takes ${OFFER_BOUNDS.minMinutes} min to ${OFFER_BOUNDS.maxHours[mode]} h`,
    });
  if (o.seats > OFFER_BOUNDS.maxSeats[mode])
    out.push({
      field: 'seats',
      code: 'too_big',
      message: `a ${mode} offer has at most ${OFFER_BOUNDS.maxSeats[mode]} seats`,
    });
  if (o.cars !== undefined && !CAR_KINDS.includes(o.kind))
    out.push({ field: 'cars', code: 'cars_not_applicable', message: `a ${o.kind} offer has no cars` });
  if (o.cars !== undefined && CAR_KINDS.includes(o.kind) && o.seats > o.cars * HARD_SEAT_CAR_SEATS)
    out.push({
      field: 'seats',
      code: 'seats_exceed_cars',
      message: `${o.cars} car(s) of ${HARD_SEAT_CAR_SEATS} hard seats hold at most ${o.cars * HARD_SEAT_CAR_SEATS}`,
    });
  if (o.validUntil && o.validUntil.getTime() > dep)
    out.push({ field: 'validUntil', code: 'valid_after_departure', message: 'validUntil must not be after departsAt' });
  return out;
}

const Count = (max: number) => z.number().int().min(1).max(max);

/** One stored offer as the planner uses it (times as instants, money in fen). */
export const TrunkOfferSchema = z
  .object({
    id: z.string().min(1),
    service: ServiceNumber,
    kind: OfferKind,
    fromHubId: Slug,
    toHubId: Slug,
    departsAt: z.date(),
    arrivesAt: z.date(),
    seats: Count(OFFER_BOUNDS.maxSeats.rail),
    /** Hard-seat carriages: set for a reserved carriage (what its price multiplies), optional for a special train. */
    cars: Count(OFFER_BOUNDS.maxCars).optional(),
    priceFen: z.number().int().min(0).max(OFFER_BOUNDS.maxPriceFen),
    /** The counties whose batches may use it (those of the key that imported it). */
    countyCodes: z.array(CountyCode).min(1),
  })
  .superRefine((o, ctx) => {
    if (o.fromHubId === o.toHubId) ctx.addIssue({ code: 'custom', path: ['toHubId'], message: 'toHubId is fromHubId' });
    for (const p of offerProblems(o)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });
export type TrunkOffer = z.infer<typeof TrunkOfferSchema>;

/**
 * The offers from one hub to another, of the given kinds, departing in [notBefore, notAfter] (both included),
 * by departure, then service number, then id: the same offers give the same order whatever order they came in.
 */
export function offersBetween(
  offers: readonly TrunkOffer[],
  fromHubId: string,
  toHubId: string,
  kinds: readonly OfferKind[],
  notBefore: Date,
  notAfter: Date,
): TrunkOffer[] {
  const from = notBefore.getTime();
  const to = notAfter.getTime();
  return offers
    .filter(
      (o) =>
        o.fromHubId === fromHubId &&
        o.toHubId === toHubId &&
        kinds.includes(o.kind) &&
        o.departsAt.getTime() >= from &&
        o.departsAt.getTime() <= to,
    )
    .sort(compareOffers);
}

/** By departure, service, id: a total order (ids are unique), independent of locale. */
export const compareOffers = (a: TrunkOffer, b: TrunkOffer): number =>
  a.departsAt.getTime() - b.departsAt.getTime() || cmp(a.service, b.service) || cmp(a.id, b.id);
