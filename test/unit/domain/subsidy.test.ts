import { provinceIndex } from '../../../src/domain/reference/province-index';
import { travellerSubsidy } from '../../../src/domain/subsidy/subsidy-policy';
import { loadPlaces, loadSubsidyPolicy } from '../../../src/reference/load-fixtures';
import { estimateSubsidies } from '../../../src/services/subsidy-estimates';

const places = loadPlaces();
const policy = loadSubsidyPolicy();
const provinces = provinceIndex(places);
const DEPART = '2027-03-02T06:00:00+08:00';
const traveller = {
  countyCode: '140222',
  factoryId: 'ningbo-beilun-electronics',
  registeredPoor: true,
  departAt: new Date(DEPART),
};

describe('the province index', () => {
  it('when asked twice for one gazetteer snapshot, then it is built once', () => {
    expect(provinceIndex(places)).toBe(provinces);
  });
  it('when a county or factory is known, then its province is the gazetteer’s', () => {
    expect(provinces.ofCounty('140222')).toBe('14');
    expect(provinces.ofFactory('ningbo-beilun-electronics')).toBe('33');
  });
  it('when a county is unknown, then its code names the province; an unknown factory has none', () => {
    expect(provinces.ofCounty('529999')).toBe('52');
    expect(provinces.ofFactory('no-such-factory')).toBeUndefined();
  });
});

describe('the one subsidy rule', () => {
  it('when the traveller leaves the home province, then the out-of-province cap applies', () => {
    expect(travellerSubsidy(policy, provinces, { ...traveller, workerShareFen: 90_000 })).toEqual({
      capFen: 80_000,
      refundPercent: 100,
      amountFen: 80_000,
    });
  });
  it('when the trip stored its destination province, then that province decides the cap', () => {
    const inside = { ...traveller, workerShareFen: 60_000, destinationProvince: '14' };
    expect(travellerSubsidy(policy, provinces, inside)).toMatchObject({ capFen: 50_000, amountFen: 50_000 });
  });
  it('when the traveller is not eligible, then the cap is still known and the amount is 0', () => {
    const notPoor = { ...traveller, registeredPoor: false, workerShareFen: 30_000 };
    expect(travellerSubsidy(policy, provinces, notPoor)).toMatchObject({ capFen: 80_000, amountFen: 0 });
  });
  it('when planning estimates a subsidy, then it is the amount the same seat makes payable at arrival', () => {
    const shares = [0, 12_345, 79_999, 80_000, 80_001, 250_000];
    const trip = {
      departAt: DEPART,
      passengers: shares.map((workerShareFen, i) => ({ workerId: `w${i}`, workerShareFen })),
    };
    const people = shares.map((_, i) => ({
      id: `w${i}`,
      county_code: traveller.countyCode,
      factory_id: traveller.factoryId,
      registered_poor: i % 2 === 0,
    }));
    const estimated = estimateSubsidies([trip], people, places, policy);
    shares.forEach((workerShareFen, i) => {
      const atArrival = travellerSubsidy(policy, provinces, {
        ...traveller,
        registeredPoor: i % 2 === 0,
        workerShareFen,
      });
      expect(estimated.get(`w${i}`)).toBe(atArrival.amountFen);
    });
  });
});
