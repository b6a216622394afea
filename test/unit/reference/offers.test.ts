import { offersBetween, TrunkOfferSchema, type TrunkOffer } from '../../../src/domain/reference/offers';

const at = (s: string) => new Date(s);
const offer = (id: string, o: Partial<TrunkOffer> = {}): TrunkOffer =>
  TrunkOfferSchema.parse({
    id,
    service: 'Z2020',
    kind: 'special-train',
    fromHubId: 'datong-station',
    toHubId: 'shenzhen-north-station',
    departsAt: at('2020-02-20T08:00:00+08:00'),
    arrivesAt: at('2020-02-21T14:00:00+08:00'),
    seats: 1180,
    cars: 10,
    priceFen: 30_000_000,
    countyCodes: ['140222'],
    ...o,
  });

describe('offersBetween', () => {
  const offers = [
    offer('a'),
    offer('b', { service: 'K1234', kind: 'train-seats', cars: undefined, priceFen: 25_000 }),
    offer('c', { service: 'Y501', departsAt: at('2020-02-20T06:00:00+08:00') }),
    offer('d', { toHubId: 'guangzhou-south-station' }),
    offer('e', { departsAt: at('2020-02-23T08:00:00+08:00'), arrivesAt: at('2020-02-24T08:00:00+08:00') }),
    offer('f', {
      service: 'CA8801',
      kind: 'charter-flight',
      fromHubId: 'datong-yungang-airport',
      toHubId: 'shenzhen-baoan-airport',
      cars: undefined,
      seats: 170,
      arrivesAt: at('2020-02-20T12:00:00+08:00'),
    }),
    offer('g', { service: 'K1234', kind: 'train-seats', cars: undefined, priceFen: 25_000 }),
  ];
  const window = [at('2020-02-20T00:00:00+08:00'), at('2020-02-21T00:00:00+08:00')] as const;

  it('when offers are asked for between two hubs, then only that direction, those kinds and that window come back', () => {
    const rail = offersBetween(offers, 'datong-station', 'shenzhen-north-station', ['special-train'], ...window);
    expect(rail.map((o) => o.id)).toEqual(['c', 'a']);
    const back = offersBetween(offers, 'shenzhen-north-station', 'datong-station', ['special-train'], ...window);
    expect(back).toEqual([]);
    const air = offersBetween(offers, 'datong-yungang-airport', 'shenzhen-baoan-airport', ['flight-seats'], ...window);
    expect(air).toEqual([]);
  });

  it('when several depart, then they come by departure, then service, then id, whatever order they came in', () => {
    const kinds = ['special-train', 'train-seats'] as const;
    const expected = ['c', 'b', 'g', 'a'];
    const sorted = offersBetween(offers, 'datong-station', 'shenzhen-north-station', kinds, ...window);
    expect(sorted.map((o) => o.id)).toEqual(expected);
    const reversed = offersBetween([...offers].reverse(), 'datong-station', 'shenzhen-north-station', kinds, ...window);
    expect(reversed.map((o) => o.id)).toEqual(expected);
  });

  it('when an offer departs exactly at a bound, then it is in; a millisecond outside, then it is out', () => {
    const dep = at('2020-02-20T08:00:00+08:00').getTime();
    const ids = (from: number, to: number) =>
      offersBetween(
        offers,
        'datong-station',
        'shenzhen-north-station',
        ['special-train'],
        new Date(from),
        new Date(to),
      ).map((o) => o.id);
    expect(ids(dep, dep)).toEqual(['a']);
    expect(ids(dep + 1, dep + 3_600_000)).toEqual([]);
    expect(ids(dep - 3_600_000, dep - 1)).toEqual([]);
  });
});

describe('TrunkOfferSchema', () => {
  it('when an offer arrives before it departs, has cars on a flight or more seats than its cars, then it is refused', () => {
    const base = offer('x');
    const flight = { kind: 'charter-flight', seats: 170, cars: undefined, arrivesAt: at('2020-02-20T12:00:00+08:00') };
    const ok = (o: Partial<TrunkOffer>) => TrunkOfferSchema.safeParse({ ...base, ...o }).success;
    expect([ok({}), ok(flight as Partial<TrunkOffer>)]).toEqual([true, true]);
    expect(ok({ arrivesAt: base.departsAt })).toBe(false);
    expect(ok({ seats: 1181 })).toBe(false);
    expect(ok({ ...(flight as Partial<TrunkOffer>), cars: 2 })).toBe(false);
    expect(ok({ ...(flight as Partial<TrunkOffer>), arrivesAt: at('2020-02-21T08:00:00+08:00') })).toBe(false);
    expect(ok({ toHubId: base.fromHubId })).toBe(false);
  });
});
