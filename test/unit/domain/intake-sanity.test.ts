import { validateRows } from '../../../src/domain/batch/validate-batch';
import { IntakePolicySchema } from '../../../src/domain/batch/intake-policy';
import type { IntakeSanity } from '../../../src/domain/batch/intake-sanity';
import { makeIdNumber } from '../../../src/domain/identity/id-number';
import { loadIntakePolicy, loadPlaces } from '../../../src/reference/load-fixtures';
import { readFileSync } from 'node:fs';
import { parseWorkerCsv } from '../../../src/intake/parse-csv';
import { SAMPLE_CSV, UTC_OFFSET_MIN, workerRow } from '../../support/sample';

const policy = loadIntakePolicy();
const places = loadPlaces();
/** A pinned clock time (the window of years is relative to it). */
const NOW = new Date('2026-01-15T01:00:00Z');
const sanity: IntakeSanity = { policy, places, now: NOW };
/** The errors' words (their codes and params are checked in intake-codes.test.ts). */
const check = (rows: unknown[], s: IntakeSanity = sanity) =>
  validateRows(rows, UTC_OFFSET_MIN, s).errors.map(({ row, field, message }) => ({ row, field, message }));

describe('intake sanity: where a worker lives', () => {
  it('when a home lies in the Gulf of Guinea or Antarctica, then both coordinates are named as outside mainland China', () => {
    expect(check([workerRow(1, { lon: 0, lat: 0 }), workerRow(2, { lon: 114.09, lat: -75 })])).toEqual([
      { row: 1, field: 'lat', message: 'latitude 0 lies outside mainland China (18.1 to 53.6)' },
      { row: 1, field: 'lon', message: 'longitude 0 lies outside mainland China (73.4 to 135.1)' },
      { row: 2, field: 'lat', message: 'latitude -75 lies outside mainland China (18.1 to 53.6)' },
    ]);
  });

  it('when a home is in China but far from its county, then the distance to the nearest known village is named', () => {
    // Tianzhen (Shanxi) county code with coordinates in Guangzhou
    expect(check([workerRow(1, { lon: 113.26, lat: 23.13 })])).toEqual([
      {
        row: 1,
        field: 'lon',
        message: expect.stringMatching(
          /^\(113\.26, 23\.13\) lies 1\d{3} km from the seat or nearest known village of county 140222; at most 80 km$/,
        ),
      },
    ]);
  });

  it('when a home lies within the configured distance of a known village, then it is accepted; the distance is data', () => {
    const near = workerRow(1, { lon: 114.091, lat: 40.9 }); // about 53 km north of 玉泉镇, beyond the other villages
    expect(check([near])).toEqual([]);
    const strict = IntakePolicySchema.parse({ ...policy, location: { ...policy.location, maxKmFromCounty: 20 } });
    expect(check([near], { ...sanity, policy: strict })).toEqual([
      {
        row: 1,
        field: 'lon',
        message: expect.stringMatching(/km from the seat or nearest known village of county 140222; at most 20 km$/),
      },
    ]);
  });

  it('when the county has a seat in the reference data, then a home near the seat is accepted too', () => {
    const withSeat = (seat: object) => ({
      counties: places.counties.map((c) => (c.code === '140222' ? { ...c, ...seat } : c)),
      villages: places.villages,
    });
    const farFromVillages = workerRow(1, { lon: 113.3, lat: 40.9 }); // ~80 km west of the known villages
    expect(check([farFromVillages])).toEqual([
      { row: 1, field: 'lon', message: expect.stringMatching(/at most 80 km/) },
    ]);
    expect(check([farFromVillages], { ...sanity, places: withSeat({ lon: 113.5, lat: 40.8 }) })).toEqual([]);
    // an approximate seat (the prefecture's) is not the county's: it does not widen the check
    const approximate = withSeat({ lon: 113.5, lat: 40.8, seatApproximate: true });
    expect(check([farFromVillages], { ...sanity, places: approximate })).toHaveLength(1);
  });

  it('when a county has only an approximate seat, then its own, wider distance applies', () => {
    const only = {
      counties: places.counties.map((c) =>
        c.code === '140222' ? { ...c, lon: 113.3, lat: 40.08, seatApproximate: true } : c,
      ),
      villages: places.villages.filter((v) => v.countyCode !== '140222'),
    };
    expect(check([workerRow(1)], { ...sanity, places: only })).toEqual([]); // ~70 km from Datong
    expect(check([workerRow(1, { lon: 111.0, lat: 35.03 })], { ...sanity, places: only })).toEqual([
      {
        row: 1,
        field: 'lon',
        message: expect.stringMatching(/lies [5-6]\d\d km from the approximate seat of county 140222; at most 300 km$/),
      },
    ]);
  });

  it('when a county has no known village and no seat, then its province box decides', () => {
    const bare = { counties: places.counties, villages: places.villages.filter((v) => v.countyCode !== '140222') };
    expect(check([workerRow(1, { lon: 112.5, lat: 37.8 })], { ...sanity, places: bare })).toEqual([]); // Taiyuan
    expect(check([workerRow(1, { lon: 116.4, lat: 39.9 })], { ...sanity, places: bare })).toEqual([
      { row: 1, field: 'lon', message: '(116.4, 39.9) lies outside province 14 of county 140222' },
    ]);
  });

  it('when the county is unknown, then only the mainland box applies here (the reference check names the county)', () => {
    expect(check([workerRow(1, { countyCode: '999999' })])).toEqual([]);
  });
});

describe('intake sanity: years and ages', () => {
  it('when a departure or test date lies outside the window of years, then the field is named with the window', () => {
    expect(
      check([
        workerRow(1, { earliestDeparture: '9999-03-02' }),
        workerRow(2, { earliestDeparture: '2019-12-31T23:00:00+08:00' }),
        workerRow(3, { nucleicTestAt: '2035-01-01' }),
        workerRow(4, { earliestDeparture: '2028-12-31T23:59:00+08:00' }),
      ]),
    ).toEqual([
      { row: 1, field: 'earliestDeparture', message: 'earliestDeparture must lie in the years 2020 to 2028' },
      { row: 2, field: 'earliestDeparture', message: 'earliestDeparture must lie in the years 2020 to 2028' },
      { row: 3, field: 'nucleicTestAt', message: 'nucleicTestAt must lie in the years 2020 to 2028' },
    ]);
  });

  it('when the clock moves on, then the window moves with it', () => {
    const later = { ...sanity, now: new Date('2031-06-01T00:00:00Z') };
    expect(check([workerRow(1, { earliestDeparture: '2033-03-02' })], later)).toEqual([]);
  });

  it('when the birth date on the ID number is in the future or 126 years back, then the ID number is named', () => {
    const future = makeIdNumber('140222', '20260101', 1);
    const old = makeIdNumber('140222', '19000301', 3);
    expect(check([workerRow(1, { idNumber: future }), workerRow(2, { idNumber: old })])).toEqual([
      {
        row: 1,
        field: 'idNumber',
        message: "the ID number's birth date 2026-01-01 lies after the departure (2020-03-02)",
      },
      {
        row: 2,
        field: 'idNumber',
        message:
          "the ID number's birth date 1900-03-01 makes the worker 120 at departure (2020-03-02); working age is 16 to 65",
      },
    ]);
  });

  it('when a worker turns 16 on the local day of departure, then the age is counted at departure, not at today', () => {
    const turns16 = makeIdNumber('140222', '20040302', 5);
    const day = '2020-03-02T06:00:00+08:00';
    expect(check([workerRow(1, { idNumber: turns16, earliestDeparture: day })])).toEqual([]);
    // 23:30 UTC on 1 March is already 2 March in China; one local day earlier the worker is still 15
    expect(check([workerRow(1, { idNumber: turns16, earliestDeparture: '2020-03-01T23:30:00Z' })])).toEqual([]);
    expect(check([workerRow(1, { idNumber: turns16, earliestDeparture: '2020-03-01T15:30:00Z' })])).toEqual([
      { row: 1, field: 'idNumber', message: expect.stringMatching(/makes the worker 15 at departure \(2020-03-01\)/) },
    ]);
  });

  it('when the working ages change in the policy, then the check follows', () => {
    const narrow = IntakePolicySchema.parse({ ...policy, workingAge: { min: 18, max: 30 } });
    expect(check([workerRow(1)], { ...sanity, policy: narrow })).toEqual([]); // born 15 February 1990: 30 in March 2020
    expect(check([workerRow(1, { earliestDeparture: '2021-03-02' })], { ...sanity, policy: narrow })).toEqual([
      { row: 1, field: 'idNumber', message: expect.stringMatching(/makes the worker 31 at departure/) },
    ]);
  });
});

describe('intake policy data', () => {
  it('when working ages are crossed or a box is upside down, then the policy is refused', () => {
    expect(IntakePolicySchema.safeParse({ ...policy, workingAge: { min: 70, max: 60 } }).success).toBe(false);
    const box = { ...policy.location, mainland: [135, 18, 73, 53] };
    expect(IntakePolicySchema.safeParse({ ...policy, location: box }).success).toBe(false);
  });

  it('when the bundled sample batch is checked, then every row is plausible', () => {
    const rows = parseWorkerCsv(readFileSync(SAMPLE_CSV, 'utf8'), 100_000);
    expect(check(rows)).toEqual([]);
  });
});
