/** Village names as county offices type them, in pinyin words for the English console. */

// The console's module is loaded at run time only: it is typed against the bundler's resolution, not this project's.
interface Romaniser {
  loadRomaniser(): Promise<void>;
  romanise(name: string): string;
}
const HAN = /\p{Script=Han}/u;

describe('romanising a village name', () => {
  let r: Romaniser;
  beforeAll(() => {
    r = jest.requireActual<Romaniser>('../../../web/src/lib/romanise');
  });

  it('when the dictionary is not loaded yet, then the name shows as typed', () => {
    expect(r.romanise('小河村')).toBe('小河村');
  });

  describe('once the dictionary is loaded', () => {
    beforeAll(() => r.loadRomaniser());

    it.each([
      ['小河村', 'Xiaohe Village'],
      ['朝阳社区', 'Chaoyang Community'],
      ['长安镇', "Chang'an Town"],
      ['城关镇河东村', 'Chengguan Town Hedong Village'],
      ['柳林乡', 'Liulin Township'],
      ['小河村三组', 'Xiaohe Village Group 3'],
      ['小河村十二组', 'Xiaohe Village Group 12'],
      ['李家庄2组', 'Lijiazhuang Group 2'],
      ['和田市1村', 'Hetian City Village 1'],
      ['皮山县2村', 'Pishan County Village 2'],
      ['新市镇', 'Xinshi Town'],
      ['市场村', 'Shichang Village'],
      ['李家庄', 'Lijiazhuang'],
      ['东莞长安电子厂', "Dongguan Chang'an Dianzi Factory"],
      ['青岛黄岛家电厂', 'Qingdao Huangdao Jiadian Factory'],
      ['砖厂村', 'Zhuanchang Village'],
      ['重庆', 'Chongqing'],
    ])('when %s is typed, then it reads %s', (typed, read) => {
      expect(r.romanise(typed)).toBe(read);
    });

    it('when the proper name is one syllable, then it stays one word with its generic', () => {
      expect(r.romanise('王村')).toBe('Wangcun');
      expect(r.romanise('新乡')).toBe('Xinxiang');
    });

    it('when a name carries ASCII, digits or full-width signs, then they are kept, not romanised', () => {
      expect(r.romanise('Xiaohe 3')).toBe('Xiaohe 3');
      expect(r.romanise('东关村（A区）')).toBe('Dongguan Village (A Qu)');
      expect(r.romanise('幸福里小区12号')).toBe('Xingfulixiaoqu 12 Hao');
    });

    it('when any Han name is romanised, then no Han character, tone mark or empty word is left', () => {
      for (const name of ['绿水村', '吕梁市离石区', '峪口镇后沟村五组', '〇号村', '村'])
        expect(r.romanise(name)).toMatch(/^[A-Z][A-Za-z0-9ü' ()]*$/u);
      expect(r.romanise('吕梁市离石区')).not.toMatch(HAN);
    });
  });
});
