import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, ErrorReason, NotFoundThing, RowCode } from '../../../src/contracts/error-reasons';
import { FlowRefusalCode } from '../../../src/domain/subsidy/list-actions';
import { NotFoundError } from '../../../src/errors';
import { en } from '../../../web/src/lib/messages/en';
import { zh } from '../../../web/src/lib/messages/zh';

const WEB = '../../../web/src/lib/';
const ZH = zh as Record<string, string>;
const EN = en as Record<string, string>;
const HAN = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const bothWord = (key: string) => {
  expect(ZH[key]).toMatch(HAN);
  expect(EN[key]).toMatch(/^["{A-Z]/u);
  expect(EN[key]).not.toEqual(ZH[key]);
  expect(placeholders(EN[key])).toEqual(placeholders(ZH[key]));
};

/** Every TypeScript file under src/, read once: the codes the server can send are literals in them. */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
const SRC = sources(join(__dirname, '../../../src')).join('\n');
const literals = (re: RegExp) => [...new Set([...SRC.matchAll(re)].map((m) => m[1]))].sort();

describe('refusal reasons in the console', () => {
  it.each(ErrorReason.options)('when the server refuses for %s, then zh and en both word it', (reason) => {
    bothWord(`errorReason_${reason}`);
  });

  it.each(ErrorCode.options)('when the server answers code %s, then zh and en both give a headline', (code) => {
    bothWord(`errorCode_${code}`);
  });

  it.each(RowCode.options)('when a row error carries %s, then zh and en both word it', (code) => {
    bothWord(`rowCode_${code}`);
  });

  it.each(NotFoundThing.options)('when %s is not found, then both languages name it', (thing) => {
    bothWord(`errorThing_${thing.replace(/ /g, '_')}`);
  });

  it('when the server source names an error code, then the catalogue holds it', () => {
    const found = [
      ...literals(/super\(\s*\d{3},\s*'(\w+)'/g),
      ...literals(/new AppError\(\s*\d{3},\s*'(\w+)'/g),
      ...literals(/json\(body\('(\w+)'/g),
      ...literals(/status\(\d{3}\)\.json\(\{\s*error:\s*\{\s*code:\s*'(\w+)'/g),
      ...FlowRefusalCode.options,
      'vehicle_busy',
      'driver_busy',
      'leg_not_road',
    ];
    expect(found.length).toBeGreaterThan(15);
    expect(found.filter((c) => !ErrorCode.safeParse(c).success)).toEqual([]);
  });

  it('when the server source names a reason, then the catalogue holds it', () => {
    const used = literals(/because\(\s*'(\w+)'/g);
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((r) => !ErrorReason.safeParse(r).success)).toEqual([]);
  });

  it('when a plan edit breaks a rule, then the rule is a reason of the catalogue', () => {
    const rules = [...literals(/refuse\(\s*'([\w-]+)'/g), ...literals(/rule: '([\w-]+)'/g)];
    expect(rules).toEqual(expect.arrayContaining(['capacity', 'locked', 'same-county', 'no-such-leg']));
    const reasons = rules.map((r) => `rule_${r.replace(/-/g, '_')}`);
    expect(reasons.filter((r) => !ErrorReason.safeParse(r).success)).toEqual([]);
  });

  it('when a thing with an id is not found, then the reason names the thing without the id', () => {
    expect(new NotFoundError('subsidy list 1b2c3d4e').params).toEqual({ thing: 'subsidy list' });
    expect(new NotFoundError('batch').params).toEqual({ thing: 'batch' });
    expect(new NotFoundError('something odd').params).toEqual({ thing: 'other' });
  });
});

describe('an error headline', () => {
  /** The reference places a view has at hand (web/src/lib/places.ts), reduced to what a refusal names. */
  interface Index {
    county(code: string): { name: string; nameEn: string } | undefined;
    factory(id: string): { name: string; nameEn: string } | undefined;
    hub(id: string): undefined;
    province(code: string): undefined;
  }
  const counties: Record<string, { name: string; nameEn: string }> = {
    '141028': { name: '吉县', nameEn: 'Ji County' },
    '141029': { name: '乡宁县', nameEn: 'Xiangning County' },
  };
  const index: Index = {
    county: (code) => counties[code],
    factory: (id) => (id === 'fx-kunshan' ? { name: '昆山富鑫电子', nameEn: 'Kunshan Fuxin Electronics' } : undefined),
    hub: () => undefined,
    province: () => undefined,
  };
  // The console's modules are loaded at run time only: they are typed against the DOM, not this project's lib.
  interface Words {
    errorHeadline(e: { code: string; reason: string | null; params: object; message: string }, ix?: Index): string;
    rowProblem(e: { row: number; field: string; message: string; code?: string; params?: object }): string;
  }
  interface I18n {
    setLang(lang: 'zh-CN' | 'en'): void;
  }
  let words: Words;
  let i18n: I18n;
  beforeAll(() => {
    // The console's modules read the tab's language on load.
    Object.assign(globalThis, {
      sessionStorage: { getItem: () => null, setItem: () => undefined },
      document: { documentElement: {} },
    });
    words = jest.requireActual<Words>(WEB + 'error-words');
    i18n = jest.requireActual<I18n>(WEB + 'i18n');
  });

  const refusal = (reason: string | null, params: Record<string, string | number>, code = 'conflict') => ({
    code,
    reason,
    params,
    message: 'the English sentence',
  });

  it('when a reason is known, then its words are filled with the params in the reader’s language', () => {
    i18n.setLang('zh-CN');
    expect(words.errorHeadline(refusal('rule_capacity', { tripKey: 'B-3', free: 1, needed: 2 }))).toBe(
      '车次 B-3 在限载内只剩 1 个座位，需要 2 个。',
    );
    i18n.setLang('en');
    expect(words.errorHeadline(refusal('trip_departed', { tripKey: 'B-3', status: 'departed' }))).toMatch(
      /^Trip B-3 has /,
    );
    expect(
      words.errorHeadline(refusal('wrong_status', { thing: 'subsidy list', status: 'paid', action: 'approve' })),
    ).toMatch(/^Cannot approve a subsidy list that is /);
  });

  it('when a refusal names a county or a factory and the places are at hand, then it names them, not codes', () => {
    i18n.setLang('en');
    const outside = refusal('county_outside_scope', { countyCode: '141028' }, 'forbidden');
    expect(words.errorHeadline(outside, index)).toBe('Ji County is outside this key’s counties.');
    expect(words.errorHeadline(outside)).toContain('141028'); // without the places, the code is all there is
    const shared = words.errorHeadline(refusal('offer_shared', { counties: '141028, 141029' }), index);
    expect(shared).toContain('Ji County, Xiangning County');
    expect(shared).not.toMatch(/\d{6}/);
    const other = refusal('rule_same_destination', { tripKey: 'B-3', factoryId: 'fx-kunshan', fromFactoryId: 'fx-x' });
    expect(words.errorHeadline(other, index)).toBe('Trip B-3 goes to Kunshan Fuxin Electronics, not fx-x.');
    i18n.setLang('zh-CN');
    expect(words.errorHeadline(outside, index)).toBe('吉县不在此密钥的管辖范围内。');
  });

  it('when an instant is a param, then it shows in Beijing time with the year', () => {
    i18n.setLang('en');
    const text = words.errorHeadline(refusal('notice_running', { until: '2026-03-01T16:00:00.000Z' }));
    expect(text).toContain('2026');
    expect(text).toContain('00:00');
    expect(text).not.toContain('T16:00');
  });

  it('when the reason is unknown, then the code gives the headline; the message only when both are unknown', () => {
    i18n.setLang('zh-CN');
    expect(words.errorHeadline(refusal('from_a_newer_server', {}, 'forbidden'))).toBe('无权执行此操作。');
    expect(words.errorHeadline(refusal(null, {}, 'brand_new'))).toBe('the English sentence');
  });

  it('when a row error has a code, then it is worded; without one the message shows', () => {
    i18n.setLang('zh-CN');
    const row = { row: 1, field: 'arrivedAt', message: 'x' };
    expect(words.rowProblem({ ...row, code: 'required', params: {} })).toBe(ZH.intake_required);
    const early = words.rowProblem({
      ...row,
      code: 'arrival_before_departure',
      params: { arrivedAt: '2026-02-01T01:00:00.000Z', bound: '2026-02-01T02:00:00.000Z' },
    });
    expect(early).toMatch(/^到达时间 2026.*09:00.*10:00/);
    expect(words.rowProblem(row)).toBe('x');
  });
});
