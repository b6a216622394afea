import { resolveHub, validateOfferRows, type HubKey } from '../../../src/domain/reference/offer-row';
import { parseOfferCsv } from '../../../src/intake/parse-offer-csv';

const hubs: HubKey[] = [
  { id: 'datong-station', kind: 'station', code: 'DTV' },
  { id: 'shenzhen-north-station', kind: 'station', code: 'IOQ' },
  { id: 'hotan-airport', kind: 'airport', code: 'HTN' },
  { id: 'shenzhen-baoan-airport', kind: 'airport', code: 'SZX' },
  { id: 'twin-a', kind: 'station', code: 'TWN' },
  { id: 'twin-b', kind: 'station', code: 'TWN' },
];
const train = {
  service: 'z2020',
  kind: 'special-train',
  fromHub: 'DTV',
  toHub: 'shenzhen-north-station',
  departsAt: '2020-02-20T08:00+08:00',
  arrivesAt: '2020-02-21T14:00:00+08:00',
  seats: 1180,
  cars: 10,
  priceFen: 30_000_000,
};

describe('validateOfferRows', () => {
  it('when rows are good, then hubs resolve by code or id, text numbers and yuan become integers and fen', () => {
    const csvLike = {
      ...train,
      seats: '236',
      cars: '',
      priceFen: undefined,
      priceYuan: '1234.5',
      kind: 'Reserved-Carriage',
    };
    const { offers, errors } = validateOfferRows([train, csvLike], hubs);
    expect(errors).toEqual([]);
    expect(offers[0]).toEqual({
      service: 'Z2020',
      kind: 'special-train',
      fromHubId: 'datong-station',
      toHubId: 'shenzhen-north-station',
      departsAt: new Date('2020-02-20T00:00:00Z'),
      arrivesAt: new Date('2020-02-21T06:00:00Z'),
      seats: 1180,
      cars: 10,
      priceFen: 30_000_000,
    });
    // A reserved carriage is priced per car: 236 seats take 2 cars of 118.
    expect(offers[1]).toMatchObject({ kind: 'reserved-carriage', seats: 236, cars: 2, priceFen: 123_450 });
  });

  it('when rows are bad, then every problem of every row comes back with its row, field and code, and no offer', () => {
    const rows = [
      { ...train, toHub: 'NOWHERE' },
      { ...train, departsAt: '2020-02-30T08:00:00+08:00' },
      { ...train, arrivesAt: '2020-02-20T07:00:00+08:00' },
      {
        ...train,
        kind: 'flight-seats',
        fromHub: 'DTV',
        toHub: 'HTN',
        cars: undefined,
        seats: 50,
        arrivesAt: '2020-02-20T11:00+08:00',
      },
      { ...train, fromHub: 'TWN', seats: 1181 },
      { ...train, priceYuan: '10' },
      train,
      train,
      { ...train, service: 'Z', toHub: 'DTV' },
    ];
    const { offers, errors } = validateOfferRows(rows, hubs, (i) => i + 2);
    expect(offers).toEqual([]);
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'toHub', 'unknown_hub'],
      [3, 'departsAt', 'invalid_datetime'],
      [4, 'arrivesAt', 'arrives_before_departs'],
      [5, 'fromHub', 'wrong_hub_kind'],
      [6, 'seats', 'seats_exceed_cars'],
      [6, 'fromHub', 'ambiguous_hub'],
      [7, 'priceFen', 'price_required'],
      [9, 'service', 'duplicate_row'],
      [10, 'service', 'invalid_format'],
      [10, 'toHub', 'same_hub'],
    ]);
    expect(errors.find((e) => e.row === 9)?.message).toMatch(/row 8/);
  });

  it('when a flight takes longer than a day or an offer is valid after it departs, then the row is refused', () => {
    const flight = { ...train, kind: 'flight-seats', fromHub: 'HTN', toHub: 'SZX', cars: undefined, seats: 40 };
    const { errors } = validateOfferRows([flight, { ...train, validUntil: '2020-02-21T00:00:00+08:00' }], hubs);
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [1, 'arrivesAt', 'implausible_duration'],
      [2, 'validUntil', 'valid_after_departure'],
    ]);
  });
});

describe('resolveHub', () => {
  it('when a code is both a station and an airport, then the offer kind picks one', () => {
    const both: HubKey[] = [...hubs, { id: 'hotan-station', kind: 'station', code: 'htn' }];
    expect(resolveHub(both, 'HTN', 'airport')).toEqual({ hubId: 'hotan-airport' });
    expect(resolveHub(both, 'htn', 'station')).toEqual({ hubId: 'hotan-station' });
    expect(resolveHub(both, 'HTN')).toMatchObject({ code: 'ambiguous_hub' });
  });
});

describe('parseOfferCsv', () => {
  it('when a file has blank lines and Chinese text, then each row carries its file line and empty cells are absent', () => {
    const csv = [
      'service,kind,from,to,departs_at,arrives_at,seats,price_yuan,cars,formation',
      'Z2020,special-train,DTV,IOQ,2020-02-20T08:00+08:00,2020-02-21T14:00+08:00,1180,300000,10,18节硬座',
      '',
      'K1234,train-seats,DTV,IOQ,2020-02-20T09:00+08:00,2020-02-21T19:00+08:00,100,252.5,,',
    ].join('\r\n');
    const { rows, lines } = parseOfferCsv(csv, 10);
    expect(lines).toEqual([2, 4]);
    expect(rows[0]).toMatchObject({ service: 'Z2020', fromHub: 'DTV', priceYuan: '300000', equipment: '18节硬座' });
    expect(rows[1]).not.toHaveProperty('cars');
  });

  it('when a column is unknown or missing, then the file is refused before any row is read', () => {
    expect(() => parseOfferCsv('service,kind,from,to,departs_at,arrives_at,seats,price\n', 10)).toThrow(
      /unknown columns: price/,
    );
    expect(() => parseOfferCsv('service,kind,from,to,departs_at,arrives_at,seats\n', 10)).toThrow(
      /price_fen or price_yuan/,
    );
  });
});
