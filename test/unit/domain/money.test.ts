import { formatYuan, splitEvenly, splitFen } from '../../../src/domain/money/split';
import { provinceIndex } from '../../../src/domain/reference/province-index';
import { travellerSubsidy, type SubsidyPolicy } from '../../../src/domain/subsidy/subsidy-policy';
import { loadPlaces, loadSubsidyPolicy } from '../../../src/reference/load-fixtures';

describe('splitting shared costs', () => {
  it('splits so the parts add up exactly, remainders to the earliest', () => {
    expect(splitEvenly(100, 3)).toEqual([34, 33, 33]);
    expect(splitFen(1001, [1, 1, 2])).toEqual([250, 250, 501]);
    for (let total = 0; total < 2000; total += 37)
      for (let n = 1; n < 30; n += 7) expect(splitEvenly(total, n).reduce((a, b) => a + b, 0)).toBe(total);
  });
  it('refuses fractional money', () => {
    expect(() => splitEvenly(10.5, 2)).toThrow(RangeError);
  });
  it('formats fen as yuan', () => expect(formatYuan(80001)).toBe('800.01'));
});

describe('subsidy caps', () => {
  const policy = loadSubsidyPolicy();
  const provinces = provinceIndex(loadPlaces());
  // Home 140222 (Shanxi, 14); destination province given; the default policy refunds 100 % of the worker's share.
  const subsidyFen = (
    p: SubsidyPolicy,
    c: { home?: string; destinationProvince: string; registeredPoor: boolean; workerShareFen: number },
  ) =>
    travellerSubsidy(p, provinces, {
      countyCode: c.home ?? '140222',
      factoryId: 'ningbo-beilun-electronics',
      departAt: new Date('2020-03-02T06:00:00+08:00'),
      ...c,
    }).amountFen;
  const poorOut = (workerShareFen: number) =>
    subsidyFen(policy, { destinationProvince: '33', registeredPoor: true, workerShareFen });

  it('pays the cost up to 800 yuan out of province: 799.99 / 800.00 / 800.01', () => {
    expect(poorOut(79_999)).toBe(79_999);
    expect(poorOut(80_000)).toBe(80_000);
    expect(poorOut(80_001)).toBe(80_000);
  });
  it('caps at 500 yuan inside the home province', () => {
    expect(subsidyFen(policy, { destinationProvince: '14', registeredPoor: true, workerShareFen: 60_000 })).toBe(
      50_000,
    );
  });
  it('pays only eligible workers under the default policy, and everyone under a broader one', () => {
    const c = { destinationProvince: '33', registeredPoor: false, workerShareFen: 30_000 };
    expect(subsidyFen(policy, c)).toBe(0);
    const all: SubsidyPolicy = { ...policy, eligibility: { registeredPoorOnly: false } };
    expect(subsidyFen(all, c)).toBe(30_000);
  });
  it('uses a province override when there is one', () => {
    const p: SubsidyPolicy = { ...policy, byProvince: { '52': { inProvinceFen: 30_000, outOfProvinceFen: 100_000 } } };
    expect(
      subsidyFen(p, { home: '520000', destinationProvince: '44', registeredPoor: true, workerShareFen: 90_000 }),
    ).toBe(90_000);
  });
});
