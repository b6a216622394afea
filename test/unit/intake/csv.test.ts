import iconv from 'iconv-lite';
import { decodeText } from '../../../src/intake/decode-text';
import { parseWorkerCsv } from '../../../src/intake/parse-csv';
import { validateRows } from '../../../src/domain/batch/validate-batch';
import { WORKER_COLUMNS } from '../../../src/domain/batch/worker-row';
import { workerRow, UTC_OFFSET_MIN } from '../../support/sample';

const CHINESE_HEADER =
  '姓名,身份证号,手机号,县区代码,村庄,经度,纬度,企业编号,健康码,健康码签发省份,核酸检测时间,建档立卡,最早出发时间,家庭编号';
const row = workerRow(1);
const line = [
  row.name,
  row.idNumber,
  row.phone,
  row.countyCode,
  row.village,
  row.lon,
  row.lat,
  row.factoryId,
  '绿码',
  '14',
  '',
  '是',
  '2020-03-02 06:00',
  '',
].join(',');

/** The columns `line` fills: every column up to familyId (the payee columns are optional). */
const FIRST_COLUMNS = WORKER_COLUMNS.slice(0, WORKER_COLUMNS.indexOf('familyId') + 1).join(',');

describe('CSV intake', () => {
  it('reads GB18030 files saved by Excel with Chinese headings', () => {
    const body = iconv.encode(`${CHINESE_HEADER}\r\n${line}\r\n`, 'gb18030');
    const { text, encoding } = decodeText(body);
    expect(encoding).toBe('gb18030');
    const { rows, errors } = validateRows(parseWorkerCsv(text, 10), UTC_OFFSET_MIN);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      name: '测试1',
      village: '玉泉镇',
      healthCode: 'green',
      registeredPoor: true,
      earliestDeparture: '2020-03-01T22:00:00.000Z',
    });
  });

  it('reads UTF-8 with a byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${FIRST_COLUMNS}\n${line}\n`, 'utf8')]);
    const { text, encoding } = decodeText(body);
    expect(encoding).toBe('utf-8');
    expect(parseWorkerCsv(text, 10)[0].name).toBe('测试1');
  });

  it('rejects a file missing required columns, and one over the row limit', () => {
    expect(() => parseWorkerCsv('name,phone\nA,13812345678\n', 10)).toThrow(/missing columns: idNumber/);
    const many = [FIRST_COLUMNS, line, line, line].join('\n');
    expect(() => parseWorkerCsv(many, 2)).toThrow(/at most 2/);
  });

  it('when a county sheet has payee columns with Chinese headings, then they are read as the account fields', () => {
    const header = `${CHINESE_HEADER},账户类型,银行卡号,户名,开户行`;
    const body = iconv.encode(`${header}\r\n${line},一折通,1402 2200 0012 34,,天镇县农村信用合作社\r\n`, 'gb18030');
    const { rows, errors } = validateRows(parseWorkerCsv(decodeText(body).text, 10), UTC_OFFSET_MIN);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      accountType: 'benefit-card',
      accountNumber: '14022200001234',
      bankName: '天镇县农村信用合作社',
    });
    expect(rows[0].accountHolder).toBeUndefined(); // defaults to the worker's name when stored
  });

  it('when the payee columns are English headings in any case, then they are read too; a file may leave them out', () => {
    const text = `${FIRST_COLUMNS},AccountType,accountnumber\n${line},bank-card,6217001234567890\n`;
    expect(parseWorkerCsv(text, 10)[0]).toMatchObject({ accountType: 'bank-card', accountNumber: '6217001234567890' });
    expect(parseWorkerCsv(`${FIRST_COLUMNS}\n${line}\n`, 10)[0]).not.toHaveProperty('accountNumber');
  });
});
