import { ModeOptionSchema, OptionCode, TravelOption } from '../../../src/domain/planning/plan-schema';
import { en } from '../../../web/src/lib/messages/en';
import { zh } from '../../../web/src/lib/messages/zh';
import { optionBadgeText, optionText, type Say } from '../../../web/src/views/plan/mode-option-text';
import { restNote } from '../../../web/src/views/plan/rest-notes';

/** The console's t(), over one dictionary: an unknown key fails the test instead of showing the key. */
const sayFrom =
  (dict: Record<string, string>): Say =>
  (key, vars = {}) => {
    const text = dict[key];
    if (text === undefined) throw new Error(`no message ${key}`);
    return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  };
const LANGS = { zh: sayFrom(zh), en: sayFrom(en) };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** An option as the planner sends it, with every figure set (a 150-person pool, a ¥341,466.45 estimate). */
const option = (code: OptionCode, over: Partial<ReturnType<typeof ModeOptionSchema.parse>> = {}) =>
  ModeOptionSchema.parse({
    option: 'flight',
    code,
    pooled: 150,
    minimum: 112,
    vehicles: 1,
    restBy: 'train-seats',
    estimateFen: 34146645,
    hours: 11.6,
    limitHours: 36,
    from: 'HTN',
    to: 'SZX',
    text: 'English text the console must not show',
    ...over,
  });

describe('mode option messages', () => {
  it.each(OptionCode.options)(
    'when the server sends code %s, then zh and en both have its sentence and badge',
    (code) => {
      for (const dict of [zh, en] as Record<string, string>[]) {
        expect(dict[`optionCode_${code}`]?.trim()).toBeTruthy();
        expect(dict[`optionBadge_${code}`]?.trim()).toBeTruthy();
      }
      expect(placeholders(en[`optionCode_${code}` as keyof typeof en])).toEqual(
        placeholders(zh[`optionCode_${code}` as keyof typeof zh]),
      );
    },
  );

  it.each(TravelOption.options)('when an option is %s, then zh and en both name it', (o) => {
    expect(zh[`option_${o}` as keyof typeof zh]).toBeTruthy();
    expect(en[`option_${o}` as keyof typeof en]).toBeTruthy();
  });

  it.each(OptionCode.options)(
    'when code %s is written out, then no placeholder is left and the text is not the server text',
    (code) => {
      for (const say of Object.values(LANGS)) {
        const text = optionText(option(code), say);
        expect(text).not.toMatch(/[{}]/);
        expect(text).not.toContain('English text');
        expect(optionBadgeText(option(code), say)).not.toMatch(/[{}]/);
      }
    },
  );

  it('when an option is priced or dropped, then its figures appear: yuan from fen, hours, pooled and minimum', () => {
    expect(optionText(option('chosen'), LANGS.zh)).toBe(
      '包机 HTN→SZX ×1：约 ¥341,466.45，门到门 11.6 小时，其余乘普速列车团体票',
    );
    expect(optionText(option('over-hours', { restBy: null }), LANGS.en)).toBe(
      'Chartered flight HTN→SZX ×1: about ¥341,466.45, 11.6 h door to door, over the 36 h limit',
    );
    const low = option('below-min-fill', { option: 'train-special', pooled: 150, minimum: 284, from: null, to: null });
    expect(optionText(low, LANGS.zh)).toBe('务工专列：仅拼到 150 人，低于最低 284 人');
    expect(optionText(option('no-hub', { option: 'train-seats' }), LANGS.zh)).toContain('火车站');
    expect(optionText(option('no-hub'), LANGS.en)).toContain('airport');
  });

  it("when a bus rests, then the planner's note is written in the reader's language", () => {
    expect(restNote('relay: crew 2 takes over', LANGS.zh)).toBe('接力：第 2 组司机接班');
    expect(restNote('overnight rest: the crew has driven its hours', LANGS.zh)).toBe('过夜休息：司机已用满驾驶时长');
    expect(restNote('driver change: driver 1 has driven 480 min in 24 h', LANGS.en)).toBe(
      'Driver change: driver 1 has driven 480 min in 24 h',
    );
    expect(restNote('something new', LANGS.zh)).toBe('something new');
  });
});
