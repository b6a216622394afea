import { addDays, addMinutes } from 'date-fns';
import { offersBetween, type OfferKind, type TrunkOffer } from '../reference/offers';
import type { TrunkPick } from './trunk-costs';
import type { PlanContext } from './plan-input';
import type { PlanLeg } from './plan-schema';
import { perCarSeats, trunkMinutes, type TrunkKind } from './trunk-costs';

/** When a trunk runs and what it costs: a timetabled offer's figures, or an estimate labelled as one. */
export interface TrunkTimes {
  departAt: Date;
  arriveAt: Date;
  /** The offer's price for the travellers aboard; null: price it from the tariffs. */
  priceFen: number | null;
  service: NonNullable<PlanLeg['service']>;
}

const OFFER_KIND: Record<TrunkKind, OfferKind> = {
  flight: 'charter-flight',
  'train-special': 'special-train',
  'train-carriage': 'reserved-carriage',
  'train-seats': 'train-seats',
  'flight-seats': 'flight-seats',
};

/** Travellers an offer can take under the load caps of the vehicle type it is bought as. */
function offerTakes(o: TrunkOffer, pick: Pick<TrunkPick, 'type' | 'kind'>): number {
  if (pick.kind === 'train-carriage' || (pick.kind === 'train-special' && o.cars))
    return (o.cars ?? 1) * perCarSeats(pick.type);
  return Math.floor(o.seats * (pick.type.perSeat ? 1 : pick.type.loadFactor));
}

/** The offer's price for `people`: per seat, per carriage used, or the whole vehicle. */
function offerPrice(o: TrunkOffer, pick: Pick<TrunkPick, 'type' | 'kind'>, people: number): number {
  if (pick.kind === 'train-seats' || pick.kind === 'flight-seats') return o.priceFen * people;
  if (pick.kind === 'train-carriage') return o.priceFen * Math.ceil(people / perCarSeats(pick.type));
  return o.priceFen;
}

/**
 * The first loaded offer between the pick's hubs that leaves no earlier than `earliest`, within the pooling window,
 * has room for `people` and is not taken yet by another block of the pool.
 */
export function offerFor(
  ctx: PlanContext,
  pick: Pick<TrunkPick, 'type' | 'kind' | 'from' | 'to'>,
  earliest: Date,
  people: number,
  taken: ReadonlySet<string> = new Set(),
): TrunkOffer | null {
  if (!ctx.offers?.length) return null;
  const until = addDays(earliest, ctx.config.modeChoice.poolWindowDays + 1);
  const found = offersBetween(ctx.offers, pick.from.id, pick.to.id, [OFFER_KIND[pick.kind]], earliest, until);
  return found.find((o) => !taken.has(o.id) && offerTakes(o, pick) >= people) ?? null;
}

/**
 * The trunk leaving no earlier than `earliest` for `people`: a timetabled offer where one is loaded (marked taken),
 * else an estimate that leaves when its feeders are in and runs at the configured speed.
 */
export function trunkTimes(
  ctx: PlanContext,
  pick: TrunkPick,
  earliest: Date,
  people: number,
  taken: Set<string>,
): TrunkTimes {
  const offer = offerFor(ctx, pick, earliest, people, taken);
  if (offer) {
    taken.add(offer.id);
    return {
      departAt: offer.departsAt,
      arriveAt: offer.arrivesAt,
      priceFen: offerPrice(offer, pick, people),
      service: { number: offer.service, offerId: offer.id, estimated: false },
    };
  }
  return {
    departAt: earliest,
    arriveAt: addMinutes(earliest, trunkMinutes(ctx, pick.type, pick.from, pick.to)),
    priceFen: null,
    service: { number: `${pick.from.code}-${pick.to.code}`, offerId: null, estimated: true },
  };
}

export { offerPrice };
