import { WORKER_COLUMNS } from '../../../src/domain/batch/worker-row';
import { parseWorkerCsvRows } from '../../../src/intake/parse-csv';
import { TEMPLATE_HEADINGS, templateCsv } from '../../../web/src/views/batches/template-headings';
import { en } from '../../../web/src/lib/messages/en';
import { zh } from '../../../web/src/lib/messages/zh';

describe('the batch upload’s CSV template', () => {
  it('when filled in under its Chinese headings, then the intake reads every column by its field', () => {
    const values = WORKER_COLUMNS.map((c) => `v-${c}`);
    const text = `${templateCsv().replace(/^\uFEFF/, '')}${values.join(',')}\r\n`;
    const { records } = parseWorkerCsvRows(text, 10);
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0]).sort()).toEqual([...WORKER_COLUMNS].sort());
    for (const c of WORKER_COLUMNS) expect(records[0][c]).toBe(`v-${c}`);
  });

  it('names every column once, in Chinese, with a BOM so Excel opens it as UTF-8', () => {
    expect(new Set(TEMPLATE_HEADINGS).size).toBe(WORKER_COLUMNS.length);
    expect(TEMPLATE_HEADINGS.every((x) => /^[\u4e00-\u9fff]+$/.test(x))).toBe(true);
    expect(templateCsv().startsWith('\uFEFF姓名,身份证号,')).toBe(true);
  });

  it('has its button and help in both languages', () => {
    for (const k of ['csvTemplate', 'csvTemplateFile', 'csvHelpTitle', 'csvHelpRequired', 'csvHelpFormats'] as const) {
      expect(zh[k]).toBeTruthy();
      expect(en[k]).toBeTruthy();
      expect(en[k]).not.toBe(zh[k]);
    }
  });
});
