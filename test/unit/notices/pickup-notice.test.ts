import path from 'node:path';
import { NoticePolicySchema } from '../../../src/contracts/notice-policy';
import { noticeWriter, smsParts, type NoticeTrip } from '../../../src/domain/notices/pickup-notice';
import type { NoticePolicy } from '../../../src/domain/notices/notice-policy';
import { planBatch } from '../../../src/domain/planning/plan-batch';
import { PlanLegSchema, type PlanLeg } from '../../../src/domain/planning/plan-schema';
import {
  DEFAULT_FIXTURES_DIR,
  loadHealthPolicy,
  loadNoticePolicy,
  loadPlaces,
  readFixture,
} from '../../../src/reference/load-fixtures';
import { planContext, sampleRows, toPlanWorkers, UTC_OFFSET_MIN } from '../../support/sample';

const places = loadPlaces();
const health = loadHealthPolicy();
const policy = loadNoticePolicy();
const setting = (p: NoticePolicy = policy) => ({ policy: p, health, places, utcOffsetMin: UTC_OFFSET_MIN });

type StopSpec = [kind: 'pickup' | 'station' | 'factory', name: string, placeId: string | null, departAt: string | null];
const leg = (
  seq: number,
  kind: PlanLeg['kind'],
  mode: PlanLeg['mode'],
  passengers: string[],
  stops: [StopSpec, string[]][],
  extra: Partial<PlanLeg> = {},
): PlanLeg =>
  PlanLegSchema.parse({
    seq,
    kind,
    mode,
    vehicleTypeId: mode === 'bus' ? 'bus-33' : 'train-seats',
    capacity: 33,
    drivers: mode === 'bus' ? 1 : 0,
    distanceM: 100_000,
    costFen: 100_000,
    passengerIds: passengers,
    stops: stops.map(([[k, name, placeId, departAt], boarding], i) => ({
      seq: i,
      kind: k,
      placeId,
      name,
      lon: 114,
      lat: 40,
      arriveAt: null,
      departAt,
      boarding,
      note: null,
    })),
    ...extra,
  });

/** Tianzhen → Qingdao by one bus: 张三 boards first at 07:30 Beijing time (23:30 UTC the day before). */
const busTrip: NoticeTrip = {
  key: 'T0001',
  label: '140222-0302-07',
  countyCode: '140222',
  factoryId: 'qingdao-huangdao-appliance',
  departAt: '2020-03-01T23:30:00.000Z',
  legs: [
    leg(
      0,
      'direct',
      'bus',
      ['w1', 'w2'],
      [
        [['pickup', '玉泉镇', null, '2020-03-01T23:30:00.000Z'], ['w1']],
        [['pickup', '新平堡镇', null, '2020-03-02T00:05:00.000Z'], ['w2']],
        [['factory', '青岛黄岛家电厂', 'qingdao-huangdao-appliance', null], []],
      ],
      { vehicleLabel: '140222-0302-07' },
    ),
  ],
};

/** Tianzhen → Dongguan: a bus to Datong station, train K1234 to Guangzhou South, a bus to the factory. */
const trainTrip = (service = { number: 'K1234', offerId: 'offer-1', estimated: false }): NoticeTrip => ({
  key: 'T0002',
  label: '140222-0302-09',
  countyCode: '140222',
  factoryId: 'dongguan-changan-electronics',
  departAt: '2020-03-01T22:00:00.000Z',
  legs: [
    leg(
      0,
      'first-mile',
      'bus',
      ['w3'],
      [
        [['pickup', '米薪关镇', null, '2020-03-01T22:00:00.000Z'], ['w3']],
        [['station', '大同站', 'datong-station', null], []],
      ],
      { vehicleLabel: '140222-0302-08' },
    ),
    leg(
      1,
      'trunk',
      'train',
      ['w3'],
      [
        [['station', '大同站', 'datong-station', '2020-03-02T01:15:00.000Z'], ['w3']],
        [['station', '广州南站', 'guangzhou-south-station', null], []],
      ],
      { vehicleLabel: '140222-0302-09', service },
    ),
    leg(
      2,
      'last-mile',
      'bus',
      ['w3'],
      [
        [['station', '广州南站', 'guangzhou-south-station', '2020-03-03T02:00:00.000Z'], ['w3']],
        [['factory', '东莞长安电子厂', 'dongguan-changan-electronics', null], []],
      ],
      { vehicleLabel: '440000-0303-01' },
    ),
  ],
});

const zh = noticeWriter(setting(), 'zh');
const en = noticeWriter(setting(), 'en');

describe('pick-up notice text', () => {
  it('when a passenger boards a bus, then the Chinese notice names sender, bus label, Beijing time with the year, stop, factory, what to bring and the hotline', () => {
    const n = zh(busTrip, { workerId: 'w1', name: '张三' });
    expect(n.text).toBe(
      '【天镇县人社局】张三您好：您乘坐的返岗专车 140222-0302-07 将于 2020年3月2日 07:30 在 玉泉镇 发车，' +
        '前往 青岛黄岛家电厂。请提前30分钟到达，携带身份证、健康码（绿码）、口罩，途中全程佩戴口罩。' +
        '上车前测体温，37.3°C及以上不能乘车。咨询电话：12333',
    );
    expect(n.length).toBe(143);
    expect(n.smsParts).toBe(3);
    expect([n.detail, n.overLimit]).toEqual(['full', false]);
  });

  it('when the second passenger boards further along, then their notice has their own stop and time', () => {
    const n = zh(busTrip, { workerId: 'w2', name: '王五' });
    expect(n.text).toContain('将于 2020年3月2日 08:05 在 新平堡镇 发车');
  });

  it('when a departure falls on New Year in Beijing but still in the old year in UTC, then the notice has the Beijing date and year', () => {
    const trip = structuredClone(busTrip);
    trip.legs[0].stops[0].departAt = '2020-12-31T16:30:00.000Z';
    expect(zh(trip, { workerId: 'w1', name: '张三' }).text).toContain('将于 2021年1月1日 00:30 在 玉泉镇');
  });

  it('when the trip changes to a timetabled train and a last-mile bus, then the notice names each change, the train number and its time, and the nucleic-acid test Guangdong asks for', () => {
    const n = zh(trainTrip(), { workerId: 'w3', name: '李四' });
    expect(n.text).toBe(
      '【天镇县人社局】李四您好：您乘坐的返岗专车 140222-0302-08 将于 2020年3月2日 06:00 在 米薪关镇 发车，' +
        '前往 东莞长安电子厂。途中在 大同站 换乘 K1234 次列车（2020年3月2日 09:15 出发），在 广州南站 换乘接驳车。' +
        '请提前30分钟到达，携带身份证、健康码（绿码）、口罩、7日内核酸检测阴性证明，途中全程佩戴口罩。' +
        '上车前测体温，37.3°C及以上不能乘车。咨询电话：12333',
    );
    expect(n.length).toBeLessThanOrEqual(300);
  });

  it('when the train is only an estimate, then no train number is promised', () => {
    const n = zh(trainTrip({ number: 'DTV-IZQ', offerId: '', estimated: true }), { workerId: 'w3', name: '李四' });
    expect(n.text).toContain('途中在 大同站 换乘列车（2020年3月2日 09:15 出发）');
    expect(n.text).not.toContain('DTV-IZQ');
  });

  it('when the English variant is asked for, then places are in English and the time says Beijing time', () => {
    const n = en(busTrip, { workerId: 'w1', name: '张三' });
    expect(n.text).toBe(
      '[Tianzhen County HR Bureau] 张三: your coach 140222-0302-07 leaves Yuquan Town at 07:30, 2 Mar 2020 ' +
        '(Beijing time) for Qingdao Huangdao Home Appliances Plant. Come 30 min early with ID card, health code ' +
        '(green) and mask. Mask on all the way. 37.3 °C or more: no boarding. Hotline: 12333',
    );
    const roomy = noticeWriter(setting({ ...policy, maxLength: { zh: 300, en: 1000 } }), 'en');
    const t = roomy(trainTrip(), { workerId: 'w3', name: '李四' }).text;
    expect(t).toContain('Change at Datong Railway Station to train K1234 (09:15, 2 Mar 2020), at Guangzhou South');
    expect(t).toContain('a negative nucleic-acid test ≤ 7 days old');
    // At the fixture's 400 characters the English changes are told shortly.
    const fits = en(trainTrip(), { workerId: 'w3', name: '李四' });
    expect([fits.detail, fits.overLimit, fits.length <= 400]).toEqual(['short-transfers', false, true]);
  });

  it('when a county has its own sender and hotline, then its notices use them', () => {
    const own = {
      ...policy,
      senderByCounty: { '140222': { zh: '天镇县返岗办' } },
      hotlineByCounty: { '140222': '0352-6012333' },
    };
    const n = noticeWriter(setting(own), 'zh')(busTrip, { workerId: 'w1', name: '张三' });
    expect(n.text.startsWith('【天镇县返岗办】')).toBe(true);
    expect(n.text.endsWith('咨询电话：0352-6012333')).toBe(true);
  });

  it('when the text would pass the limit, then times of changes go first, then their details, then the door rules', () => {
    const at = (maxLength: number) =>
      noticeWriter(setting({ ...policy, maxLength: { zh: maxLength, en: 400 } }), 'zh')(trainTrip(), {
        workerId: 'w3',
        name: '李四',
      });
    const full = at(300);
    const noTimes = at(full.length - 1);
    expect(noTimes.detail).toBe('no-transfer-times');
    expect(noTimes.text).toContain('途中在 大同站 换乘 K1234 次列车，在 广州南站 换乘接驳车。');
    const short = at(noTimes.length - 1);
    expect(short.detail).toBe('short-transfers');
    expect(short.text).toContain('途中需换乘，请听从工作人员安排。');
    const rules = at(short.length - 1);
    expect(rules.detail).toBe('short-rules');
    expect(rules.text).not.toContain('37.3');
    expect(rules.text).toContain('携带身份证、健康码（绿码）、口罩、7日内核酸检测阴性证明。');
    for (const n of [noTimes, short, rules]) expect(n.overLimit).toBe(false);
    const over = at(rules.length - 1);
    expect([over.detail, over.overLimit, over.text]).toEqual(['short-rules', true, rules.text]);
  });

  it('when SMS parts are counted, then one takes 70 characters and a split one 67 each', () => {
    expect([smsParts(70), smsParts(71), smsParts(134), smsParts(135), smsParts(300)]).toEqual([1, 2, 2, 3, 5]);
  });

  it('when every passenger of the sample batch gets a notice, then each Chinese one fits in 300 characters, even with a long label and name', () => {
    const ctx = planContext();
    const plan = planBatch(toPlanWorkers(sampleRows()), ctx);
    const lengths: number[] = [];
    for (const t of plan.trips) {
      const trip = {
        ...t,
        label: '141028-0302-07',
        legs: t.legs.map((l) => ({ ...l, vehicleLabel: '141028-0302-07' })),
      };
      for (const p of t.passengers) {
        const n = zh(trip, { workerId: p.workerId, name: '欧阳卡尔德拉阿布都' });
        lengths.push(n.length);
        expect([n.overLimit, n.text.includes('141028-0302-07')]).toEqual([false, true]);
      }
    }
    expect(lengths.length).toBeGreaterThan(200);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(300);
    console.log(`sample notices: ${lengths.length}, longest ${Math.max(...lengths)} characters`);
  });
});

describe('notice policy fixture', () => {
  const file = path.join(DEFAULT_FIXTURES_DIR, 'notice-policy.json');
  it('when the bundled fixture is read, then it parses with the sender, hotline and list in both languages', () => {
    const p = readFixture(NoticePolicySchema, file);
    expect(p.bring.zh).toEqual(['身份证', '健康码（绿码）', '口罩']);
    expect(p.maxLength.zh).toBe(300);
  });

  it('when a policy drops {period} from the test item or gives a bad hotline, then it is refused', () => {
    const bad = { ...policy, nucleicTestItem: { zh: '核酸证明', en: 'a test' }, hotline: 'call us' };
    const r = NoticePolicySchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'hotline',
      'nucleicTestItem.en',
      'nucleicTestItem.zh',
    ]);
  });
});
