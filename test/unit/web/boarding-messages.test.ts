import { BoardingCheckSchema, BoardingSchema } from '../../../src/contracts/boarding';
import { en } from '../../../web/src/lib/messages/en';
import { zh } from '../../../web/src/lib/messages/zh';
import { BOARDING_ERROR_CODES, BOARDING_FIELDS } from '../../../web/src/views/boarding/error-codes';
import {
  failuresOf,
  parseTemperature,
  unitsOf,
  type DoorPassenger,
} from '../../../web/src/views/boarding/boarding-model';

const DICTS: Record<string, string>[] = [zh, en];

describe('boarding messages', () => {
  it.each(BOARDING_ERROR_CODES)('when the server answers %s, then zh and en both say it in words', (code) => {
    const key = `boardingError_${code}`;
    expect((zh as Record<string, string>)[key]).toMatch(/[\u4e00-\u9fff]/);
    expect((en as Record<string, string>)[key]).toMatch(/^[A-Z][^\u4e00-\u9fff]+\.$/);
  });

  it('when a row error names a field of the request, then both languages name it', () => {
    const fields = [...Object.keys(BoardingCheckSchema.shape), ...Object.keys(BoardingSchema.shape)].filter(
      (f) => f !== 'checks',
    );
    expect([...BOARDING_FIELDS].sort()).toEqual(fields.sort());
    for (const dict of DICTS) for (const f of fields) expect(dict[`boardingField_${f}`]).toBeTruthy();
  });
});

describe('boarding model', () => {
  const rules = { feverFromC: 37.3, maskRequired: true };

  it('when the temperature reaches the fever line, or a mask or a green code is missing, then the check fails', () => {
    expect(failuresOf(rules, { temperatureC: 37.2, mask: true, codeColour: 'green' })).toEqual([]);
    expect(failuresOf(rules, { temperatureC: 37.3, mask: true, codeColour: 'green' })).toEqual([
      { kind: 'fever', t: 37.3 },
    ]);
    expect(failuresOf(rules, { temperatureC: 36.5, mask: false, codeColour: 'yellow' })).toEqual([
      { kind: 'noMask' },
      { kind: 'code', colour: 'yellow' },
    ]);
    expect(
      failuresOf({ ...rules, maskRequired: false }, { temperatureC: 36, mask: false, codeColour: 'green' }),
    ).toEqual([]);
  });

  it('when a temperature is typed, then only 35.0–42.0 with one decimal is taken', () => {
    expect(parseTemperature('36.6')).toBe(36.6);
    expect(parseTemperature(' 37,4 ')).toBe(37.4);
    expect(parseTemperature('42')).toBe(42);
    expect(parseTemperature('')).toBe('missing');
    expect(parseTemperature('34.9')).toBe('range');
    expect(parseTemperature('42.1')).toBe('range');
    expect(parseTemperature('36.55')).toBe('range');
    expect(parseTemperature('abc')).toBe('range');
  });

  it('when family members board one vehicle, then their cards stay together where the first sits', () => {
    const d = (id: string, familyId: string | null, vehicleKey = 'V1'): DoorPassenger =>
      ({ p: { workerId: id, familyId }, seat: 0, vehicleKey, vehicleLabel: vehicleKey }) as DoorPassenger;
    const units = unitsOf([d('a', 'F1'), d('b', null), d('c', 'F1'), d('e', 'F1', 'V2')]);
    expect(units.map((u) => u.members.map((m) => m.p.workerId))).toEqual([['a', 'c'], ['b'], ['e']]);
  });
});
