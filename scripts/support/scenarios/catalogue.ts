import type { Scenario, ScenarioTargets } from './scenario-spec';

/**
 * 2020-like batches after the public figures in ../shared/DOMAIN.md. Origins are the reported prefectures' real
 * counties; where reports name no destination city, plausible ones are chosen (stated in `title`). Worker counts
 * and dates follow the reports; homes, families and days are generated (see generate-scenario.ts).
 */
/** Direct buses at least as full as 2020's own average there, and all buses within 2 % of the lower bound. */
const buses = (perBus2020: number): ScenarioTargets => ({ directBuses: { minPerBus: perBus2020, boundSlack: 0.02 } });

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'hotan',
    title: 'Hotan (4 counties) → Dongguan, Kunshan, Ningbo (destinations assumed)',
    workers: 1015,
    seed: 11,
    origins: ['653221', '653222', '653223', '653224'],
    destinations: [
      { factory: 'f-dongguan', county: '441900' },
      { factory: 'f-kunshan', county: '320583' },
      { factory: 'f-ningbo', county: '330212' },
    ],
    firstDay: '2020-02-26',
    days: 3,
    radiusKm: 30,
    facts2020: { flight: 12, note: '12 chartered flights' },
    targets: { flights: true },
  },
  {
    id: 'xinjiang',
    title: 'Xinjiang (12 counties, 6 prefectures) → 5 eastern provinces, 10–19 March',
    workers: 9146,
    seed: 12,
    origins: [
      '653121', '653122', '653125', '653126', '653129', '653222',
      '653223', '652922', '652928', '653022', '654021', '654023',
    ], // prettier-ignore
    destinations: [
      { factory: 'f-dongguan', county: '441900', weight: 3 },
      { factory: 'f-kunshan', county: '320583', weight: 2 },
      { factory: 'f-ningbo', county: '330212', weight: 2 },
      { factory: 'f-jinjiang', county: '350582', weight: 1 },
      { factory: 'f-qingdao', county: '370211', weight: 1 },
    ],
    firstDay: '2020-03-10',
    days: 10,
    radiusKm: 30,
    facts2020: { flight: 86, note: '86 chartered flights (≈106 each)' },
    targets: { flights: true },
  },
  {
    id: 'liangshan',
    title: 'Liangshan (8 counties) → Dongguan',
    workers: 9600,
    seed: 13,
    origins: ['513429', '513430', '513431', '513432', '513434', '513435', '513436', '513437'],
    destinations: [{ factory: 'f-dongguan', county: '441900' }],
    firstDay: '2020-02-20',
    days: 4,
    radiusKm: 30,
    facts2020: { bus: 500, note: '500 direct buses, ≈1,600 km' },
    targets: buses(19.2),
  },
  {
    id: 'linfen',
    title: 'Linfen (5 counties) → Beijing Daxing, Tianjin Binhai, Zhengzhou Xinzheng (destinations assumed)',
    workers: 2821,
    seed: 14,
    origins: ['141002', '141023', '141024', '141081', '141082'],
    destinations: [
      { factory: 'f-beijing-daxing', county: '110115' },
      { factory: 'f-tianjin-binhai', county: '120116' },
      { factory: 'f-zhengzhou-xinzheng', county: '410184' },
    ],
    firstDay: '2020-02-24',
    days: 3,
    radiusKm: 30,
    facts2020: { bus: 119, note: '119 buses (23.7 each)' },
    targets: buses(23.7),
  },
  {
    id: 'huanggang',
    title: 'Huanggang (10 counties) → Shenzhen, Dongguan, Hangzhou, Kunshan, Ningbo (destinations assumed)',
    workers: 17303,
    seed: 15,
    origins: [
      '421102', '421121', '421122', '421123', '421124',
      '421125', '421126', '421127', '421181', '421182',
    ], // prettier-ignore
    destinations: [
      { factory: 'f-shenzhen-baoan', county: '440306' },
      { factory: 'f-dongguan', county: '441900' },
      { factory: 'f-hangzhou-xiaoshan', county: '330109' },
      { factory: 'f-kunshan', county: '320583' },
      { factory: 'f-ningbo', county: '330212' },
    ],
    firstDay: '2020-03-25',
    days: 4,
    radiusKm: 30,
    facts2020: { bus: 694, note: '694 buses (24.9 each)' },
    targets: buses(24.9),
  },
  {
    id: 'nayong',
    title: 'Nayong → Hangzhou Xiaoshan (city assumed), one day',
    workers: 1085,
    seed: 16,
    origins: ['520525'],
    destinations: [{ factory: 'f-hangzhou-xiaoshan', county: '330109' }],
    firstDay: '2020-02-25',
    days: 1,
    radiusKm: 30,
    facts2020: { train: 1, note: 'one special train' },
    targets: { specialTrain: true },
  },
  {
    id: 'yuncheng',
    title: 'Yuncheng (4 counties) → Huizhou, one day',
    workers: 157,
    seed: 17,
    origins: ['140802', '140821', '140881', '140882'],
    destinations: [{ factory: 'f-huizhou', county: '441302' }],
    firstDay: '2020-02-22',
    days: 1,
    radiusKm: 30,
    facts2020: { flight: 1, note: 'one chartered flight' },
    targets: { flights: true },
  },
  {
    id: 'fujian',
    title: 'Fujian receiving from Guizhou, Sichuan, Chongqing, Jiangxi, Hunan, Yunnan, Gansu, Henan (16 counties)',
    workers: 39800,
    seed: 18,
    origins: [
      '520521', '520524', '511321', '511381', '500235', '500236', '360731', '360732',
      '430523', '430524', '530621', '530627', '621221', '621225', '411621', '411627',
    ], // prettier-ignore
    destinations: [
      { factory: 'f-jinjiang', county: '350582', weight: 3 },
      { factory: 'f-fuqing', county: '350181', weight: 2 },
      { factory: 'f-xiamen-jimei', county: '350211', weight: 2 },
      { factory: 'f-putian', county: '350304', weight: 1 },
      { factory: 'f-nanan', county: '350583', weight: 1 },
    ],
    firstDay: '2020-02-20',
    days: 5,
    radiusKm: 30,
    facts2020: { flight: 50, train: 10, bus: 1454, note: '50 flights, 10 trains, 1,454 buses' },
    targets: {},
  },
];
