/** Factory and stop names in the reader's language: an English name where there is one, else pinyin in English. */
import './browser-stand-ins';

// Typed by hand: the console's modules use the DOM's types, which this project's compiler settings do not know.
interface Factory {
  id: string;
  name: string;
  nameEn?: string;
}
interface Index {
  factory(id: string): Factory | undefined;
  hub(id: string): { name: string; nameEn?: string } | undefined;
}
interface PlaceNames {
  factoryName(ix: Index, id: string): string;
  stopName(ix: Index | undefined, st: { kind: string; placeId: string | null; name: string }): string;
}

const FACTORIES: Factory[] = [
  { id: 'dg-changan', name: '东莞长安电子厂' },
  { id: 'qd-appliance', name: '青岛黄岛家电厂', nameEn: 'Qingdao Huangdao Appliance Works' },
];
const ix: Index = { factory: (id) => FACTORIES.find((f) => f.id === id), hub: () => undefined };
const HAN = /\p{Script=Han}/u;

describe('factory names', () => {
  let names: PlaceNames;
  let setLang: (l: 'zh-CN' | 'en') => void;
  beforeAll(async () => {
    names = jest.requireActual<PlaceNames>('../../../web/src/lib/place-names');
    setLang = jest.requireActual<{ setLang: typeof setLang }>('../../../web/src/lib/i18n').setLang;
    await jest.requireActual<{ loadRomaniser(): Promise<void> }>('../../../web/src/lib/romanise').loadRomaniser();
  });

  it('when the console is in Chinese, then a factory shows the name its enterprise registered', () => {
    setLang('zh-CN');
    expect(names.factoryName(ix, 'dg-changan')).toBe('东莞长安电子厂');
    expect(names.factoryName(ix, 'qd-appliance')).toBe('青岛黄岛家电厂');
  });

  it('when in English, then a factory with an English name shows it and one without reads in pinyin', () => {
    setLang('en');
    expect(names.factoryName(ix, 'qd-appliance')).toBe('Qingdao Huangdao Appliance Works');
    const pinyin = names.factoryName(ix, 'dg-changan');
    expect(pinyin).not.toMatch(HAN);
    expect(pinyin).toBe("Dongguan Chang'an Dianzi Factory");
    expect(names.stopName(ix, { kind: 'factory', placeId: 'dg-changan', name: '东莞长安电子厂' })).toBe(pinyin);
  });

  it('when a factory id is unknown, then the id itself is shown', () => {
    setLang('en');
    expect(names.factoryName(ix, 'no-such-factory')).toBe('no-such-factory');
  });
});
