import { IntakeRowCode } from '../../../src/contracts/intake-codes';
import { HoldCode } from '../../../src/domain/planning/hold-code';
import { WORKER_COLUMNS } from '../../../src/domain/batch/worker-row';
import { parseWorkerCsvRows } from '../../../src/intake/parse-csv';
import { en } from '../../../web/src/lib/messages/en';
import { zh } from '../../../web/src/lib/messages/zh';

const ZH = zh as Record<string, string>;
const EN = en as Record<string, string>;
const HAN = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('intake row-error codes in the console', () => {
  it.each(IntakeRowCode.options)('when the server sends %s, then zh and en both word it', (code) => {
    const key = `intake_${code}`;
    expect(ZH[key]).toMatch(HAN);
    expect(EN[key]).toMatch(/^["A-Z].*\.$/u);
    expect(EN[key]).not.toEqual(ZH[key]);
    // Both languages fill the same facts in.
    expect(placeholders(EN[key])).toEqual(placeholders(ZH[key]));
  });

  it('when a row error names a column, then both languages name it', () => {
    for (const f of [...WORKER_COLUMNS, 'row', 'body', 'workers']) {
      expect(ZH[`intakeField_${f}`]).toMatch(HAN);
      expect(EN[`intakeField_${f}`]).toMatch(/^[A-Z]/);
    }
  });

  it.each(HoldCode.options)('when a worker is held for %s, then zh and en both give the reason', (code) => {
    const key = `heldWhy_${code.replace(/-/g, '_')}`;
    expect(ZH[key]).toMatch(HAN);
    expect(EN[key]).toMatch(/^[A-Z{]/);
    expect(placeholders(EN[key])).toEqual(placeholders(ZH[key]));
  });
});

describe('CSV row numbers', () => {
  const head = 'name,idNumber,phone,countyCode,village,lon,lat,factoryId,healthCode,earliestDeparture';
  const cells = (name: string) => `${name},1,2,3,v,1,1,f,green,2020-03-02`;

  it('when a CSV has blank lines and a quoted line break, then each row is numbered as a spreadsheet shows it', () => {
    const text = [head, cells('a'), '', cells('b'), cells('"c\nd"'), cells('e'), ''].join('\r\n');
    const { records, rowNos } = parseWorkerCsvRows(text, 10);
    expect(records.map((r) => r.name)).toEqual(['a', 'b', 'c\nd', 'e']);
    // Header row 1; the blank line is row 3; "c⏎d" is one row (5), so "e" is row 6 though on line 7.
    expect(rowNos).toEqual([2, 4, 5, 6]);
  });

  it('when the file starts with a BOM and has no blank lines, then rows are the file’s line numbers', () => {
    const { rowNos } = parseWorkerCsvRows(`\uFEFF${head}\n${cells('a')}\n${cells('b')}`, 10);
    expect(rowNos).toEqual([2, 3]);
  });
});
