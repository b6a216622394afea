import { validateRows } from '../../../src/domain/batch/validate-batch';
import { workerRow, UTC_OFFSET_MIN } from '../../support/sample';

describe('validateRows', () => {
  it('accepts good rows and normalises them', () => {
    const { rows, errors } = validateRows(
      [workerRow(1, { idNumber: ' 11010519491231002x ', phone: '138 1234 5678', lon: '114.1' as unknown as number })],
      UTC_OFFSET_MIN,
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      idNumber: '11010519491231002X',
      phone: '13812345678',
      lon: 114.1,
      registeredPoor: false,
    });
  });

  it('reports every bad field with its row, never stopping at the first', () => {
    const { errors } = validateRows(
      [
        workerRow(1),
        workerRow(2, { idNumber: '130402198207290622', phone: '12345' }),
        workerRow(3, { lat: 95, earliestDeparture: 'next tuesday', healthCode: 'blue' }),
      ],
      UTC_OFFSET_MIN,
    );
    expect(errors).toEqual([
      { row: 2, field: 'idNumber', message: expect.stringMatching(/check digit/), code: 'id_check_digit', params: {} },
      { row: 2, field: 'phone', message: expect.stringMatching(/mobile/), code: 'phone_format', params: {} },
      {
        row: 3,
        field: 'earliestDeparture',
        message: expect.any(String),
        code: 'date_format',
        params: { value: 'next tuesday' },
      },
      { row: 3, field: 'healthCode', message: expect.any(String), code: 'health_code_invalid', params: {} },
      { row: 3, field: 'lat', message: expect.any(String), code: 'coordinate_range', params: { max: 90 } },
    ]);
  });

  it('refuses control characters in free text (PostgreSQL text cannot hold NUL), naming the field', () => {
    const { errors } = validateRows(
      [
        workerRow(1, { name: 'A\u0000B' }),
        workerRow(2, { village: '玉泉镇\n' + '=1' }),
        workerRow(3, { familyId: 'F\u0007' }),
      ],
      UTC_OFFSET_MIN,
    );
    expect(errors).toEqual([
      {
        row: 1,
        field: 'name',
        message: 'name must not contain control characters',
        code: 'control_characters',
        params: {},
      },
      {
        row: 2,
        field: 'village',
        message: 'village must not contain control characters',
        code: 'control_characters',
        params: {},
      },
      {
        row: 3,
        field: 'familyId',
        message: 'familyId must not contain control characters',
        code: 'control_characters',
        params: {},
      },
    ]);
  });

  it('refuses the same ID number twice in one batch', () => {
    const a = workerRow(1);
    const { errors } = validateRows([a, workerRow(2), { ...workerRow(3), idNumber: a.idNumber }], UTC_OFFSET_MIN);
    expect(errors).toEqual([
      {
        row: 3,
        field: 'idNumber',
        message: 'the same ID number is already on row 1',
        code: 'duplicate_id_number',
        params: { firstRow: 1 },
      },
    ]);
  });

  it('requires a family to share county and factory', () => {
    const { errors } = validateRows(
      [workerRow(1, { familyId: 'F1' }), workerRow(2, { familyId: 'F1', factoryId: 'datong-auto-parts' })],
      UTC_OFFSET_MIN,
    );
    expect(errors).toEqual([
      {
        row: 2,
        field: 'familyId',
        message: expect.stringMatching(/row 1/),
        code: 'family_mismatch',
        params: { familyId: expect.any(String), firstRow: 1 },
      },
    ]);
  });

  it('reads dates as China Standard Time and accepts Chinese colour names and 是/否', () => {
    const { rows, errors } = validateRows(
      [
        workerRow(1, {
          earliestDeparture: '2020-03-02',
          healthCode: '绿码',
          registeredPoor: '是' as unknown as boolean,
        }),
      ],
      UTC_OFFSET_MIN,
    );
    expect(errors).toEqual([]);
    expect(rows[0].earliestDeparture).toBe('2020-03-01T16:00:00.000Z');
    expect(rows[0].healthCode).toBe('green');
    expect(rows[0].registeredPoor).toBe(true);
  });

  it('when a date is not on the calendar, then it is refused instead of rolling over (2020-02-30 is not 1 March)', () => {
    const at = (earliestDeparture: string) =>
      validateRows([workerRow(1, { earliestDeparture })], UTC_OFFSET_MIN).errors.map((e) => [e.field, e.message]);
    for (const bad of ['2020-02-30', '2019-02-29', '2020-04-31', '2020-13-01', '2020-03-02 24:00', '2020-03-02T06:60'])
      expect([bad, at(bad)]).toEqual([
        bad,
        [['earliestDeparture', expect.stringMatching(/not a date on the calendar/)]],
      ]);
    expect(at('2020-03-02T06:00:00+15:00')).toEqual([['earliestDeparture', expect.stringMatching(/calendar/)]]);
    expect(at('2020-02-29')).toEqual([]); // a leap day
    expect(at('2020-03-02T06:00:00.5Z')).toEqual([]);
    expect(validateRows([workerRow(1, { nucleicTestAt: '2020-02-30T10:00:00+08:00' })], UTC_OFFSET_MIN).errors).toEqual(
      [
        {
          row: 1,
          field: 'nucleicTestAt',
          message: '2020-02-30T10:00:00+08:00 is not a date on the calendar',
          code: 'date_invalid',
          params: { value: '2020-02-30T10:00:00+08:00' },
        },
      ],
    );
  });

  it('when a coordinate in a CSV cell is not decimal (0x71, 1e2, Infinity, 114,1), then it is refused, never converted', () => {
    for (const bad of ['0x71', '1e2', 'Infinity', '114,1', '0b1', '１１４', '114.1.2'])
      expect([bad, validateRows([workerRow(1, { lon: bad as unknown as number })], UTC_OFFSET_MIN).errors]).toEqual([
        bad,
        [
          {
            row: 1,
            field: 'lon',
            message: 'expected a decimal number such as 114.091',
            code: 'number_format',
            params: {},
          },
        ],
      ]);
    for (const good of ['114.1', '+114.1', '114.', ' 114 '])
      expect(validateRows([workerRow(1, { lon: good as unknown as number })], UTC_OFFSET_MIN).errors).toEqual([]);
  });

  it('when a row is not an object, then it is reported once', () => {
    expect(validateRows([null, 'x'], UTC_OFFSET_MIN).errors).toEqual([
      { row: 1, field: '(row)', message: expect.any(String), code: 'required', params: {} },
      { row: 2, field: '(row)', message: expect.any(String), code: 'type_invalid', params: {} },
    ]);
  });
});
