/**
 * Writes fixtures/sample-batch.csv: a deterministic synthetic batch of return-to-work travellers
 * (spring 2020) drawn from the villages and factories of fixtures/places.json.
 *
 *   npx tsx scripts/generate-sample-batch.ts [--out path/to/file.csv]
 *
 * Same seed, same file: no Math.random, no clock.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORKER_COLUMNS, workerRowSchema, type WorkerRowInput } from '../src/domain/batch/worker-row';
import { makeIdNumber } from '../src/domain/identity/id-number';
import { withLuhnDigit } from '../src/domain/batch/payee-account';
import { loadPlaces, loadPlannerConfig } from '../src/reference/load-fixtures';

const SEED = 20200302;

/** mulberry32: small, fast, good enough for test data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Fisher–Yates, in place. */
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * County × factory × departure-day groups. The big Karakax group (≈150 to Ürümqi, ~1,000 km) is
 * the one that can fill a chartered A320 even after non-green health codes are screened out;
 * the Shanxi → Shenmu / Datong groups are short bus runs; Zhenfeng / Dongchuan → Pearl River Delta
 * and Shanxi → Qingdao are long but still direct-bus distances; Shanxi / Guizhou → Ningbo and
 * Santai → Yangtze River Delta are beyond the bus limit and go by rail.
 */
const FLOWS: { county: string; factory: string; day: number; n: number }[] = [
  { county: '653222', factory: 'urumqi-etdz-textile', day: 3, n: 150 },
  { county: '653225', factory: 'urumqi-etdz-textile', day: 3, n: 10 },
  { county: '653225', factory: 'qingdao-huangdao-appliance', day: 5, n: 3 },
  { county: '140222', factory: 'ningbo-beilun-electronics', day: 2, n: 24 },
  { county: '140222', factory: 'datong-auto-parts', day: 4, n: 10 },
  { county: '140225', factory: 'qingdao-huangdao-appliance', day: 3, n: 20 },
  { county: '141127', factory: 'shenmu-coal-chemical', day: 2, n: 20 },
  { county: '141127', factory: 'yuyao-appliance', day: 5, n: 3 },
  { county: '141124', factory: 'shenmu-coal-chemical', day: 2, n: 20 },
  { county: '141124', factory: 'yuyao-appliance', day: 4, n: 10 },
  { county: '140928', factory: 'datong-auto-parts', day: 4, n: 8 },
  { county: '140827', factory: 'qingdao-huangdao-appliance', day: 3, n: 10 },
  { county: '522325', factory: 'dongguan-changan-electronics', day: 2, n: 22 },
  { county: '522325', factory: 'shenzhen-longhua-electronics', day: 4, n: 12 },
  { county: '522325', factory: 'ningbo-beilun-electronics', day: 5, n: 2 },
  { county: '510722', factory: 'suzhou-sip-electronics', day: 3, n: 20 },
  { county: '510722', factory: 'shanghai-songjiang-electronics', day: 5, n: 8 },
  { county: '530113', factory: 'dongguan-changan-electronics', day: 4, n: 16 },
];

const HAN_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '田',
  '任',
  '武',
  '贾',
];
const HAN_GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '建国',
  '志强',
  '海波',
  '俊杰',
  '文博',
  '建华',
  '小龙',
  '家豪',
  '国庆',
  '永刚',
  '红军',
  '天宇',
  '晓东',
  '宏伟',
];
const HAN_GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '霞',
  '燕',
  '玲',
  '婷',
  '秀英',
  '桂兰',
  '晓红',
  '海燕',
  '春梅',
  '丽娟',
  '小琴',
  '雪梅',
  '美玲',
  '欣怡',
  '文静',
  '慧敏',
];
const UYGHUR_MALE = [
  '阿不都拉',
  '买买提',
  '艾力',
  '吐尔逊',
  '艾买提',
  '阿布力孜',
  '热合曼',
  '努尔麦麦提',
  '亚森',
  '依明',
  '卡德尔',
  '阿迪力',
  '麦麦提敏',
  '吾斯曼',
];
const UYGHUR_FEMALE = [
  '古丽',
  '阿依古丽',
  '热孜宛古丽',
  '布海力其',
  '阿米娜',
  '祖丽皮亚',
  '帕提古丽',
  '米热古丽',
  '阿依努尔',
  '再乃甫',
  '努尔尼沙',
  '图尔荪古丽',
];
const UYGHUR_FATHER = [
  '买买提',
  '吐尔逊',
  '艾山',
  '阿不都热依木',
  '肉孜',
  '玉苏甫',
  '司马义',
  '喀斯木',
  '巴拉提',
  '艾则孜',
  '依沙克',
  '托合提',
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

function personName(countyCode: string, male: boolean): string {
  if (countyCode.startsWith('65')) return `${pick(male ? UYGHUR_MALE : UYGHUR_FEMALE)}·${pick(UYGHUR_FATHER)}`;
  return pick(HAN_SURNAMES) + pick(male ? HAN_GIVEN_MALE : HAN_GIVEN_FEMALE);
}

function birthDate(): string {
  const y = int(1970, 2002),
    m = int(1, 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}${pad(m)}${pad(int(1, days))}`;
}

const usedIds = new Set<string>();
const seqByCounty = new Map<string, number>();
/** Odd sequence digit = male (GB 11643). Sequences climb per county so ID numbers never repeat. */
function idNumber(countyCode: string, male: boolean): string {
  for (;;) {
    let seq = (seqByCounty.get(countyCode) ?? int(1, 40)) + int(1, 6);
    if (seq % 2 !== (male ? 1 : 0)) seq++;
    seqByCounty.set(countyCode, seq);
    const id = makeIdNumber(countyCode, birthDate(), seq);
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

const usedPhones = new Set<string>();
function phone(): string {
  for (;;) {
    const p = pick(MOBILE_PREFIXES) + pad(int(0, 99_999_999), 8);
    if (!usedPhones.has(p)) {
      usedPhones.add(p);
      return p;
    }
  }
}

const jitter = (x: number) => Math.round((x + (rand() - 0.5) * 0.018) * 1e5) / 1e5; // < 0.01°
/** Local (UTC+8) timestamp on the given day of March 2020; day 0 and below roll back into February. */
function iso(marchDay: number, hh: number, mm = 0): string {
  const d = new Date(Date.UTC(2020, 2, marchDay));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hh)}:${pad(mm)}:00+08:00`;
}

function healthCode(): 'green' | 'yellow' | 'red' {
  const r = rand();
  return r < 0.9 ? 'green' : r < 0.98 ? 'yellow' : 'red';
}

/**
 * Payee accounts come from a generator of their own, drawn after every other column: the people, places and
 * dates stay what they were before accounts were added. Most carry the county's benefit card (一折通), some a
 * bank card (UnionPay BINs, Luhn check digit), a few none.
 */
const accountRand = mulberry32(SEED ^ 0x0acc0);
const BANKS: { bin: string; name: string }[] = [
  { bin: '621700', name: '中国建设银行' },
  { bin: '622202', name: '中国工商银行' },
  { bin: '622848', name: '中国农业银行' },
  { bin: '621661', name: '中国银行' },
  { bin: '622188', name: '中国邮政储蓄银行' },
];
const accountDigits = (n: number) => Array.from({ length: n }, () => Math.floor(accountRand() * 10)).join('');
function payeeAccount(countyCode: string): Pick<WorkerRowInput, 'accountType' | 'accountNumber' | 'bankName'> {
  const r = accountRand();
  if (r < 0.6)
    return { accountType: 'benefit-card', accountNumber: countyCode + accountDigits(12), bankName: '农村信用合作社' };
  if (r < 0.9) {
    const bank = BANKS[Math.floor(accountRand() * BANKS.length)];
    return {
      accountType: 'bank-card',
      accountNumber: withLuhnDigit(bank.bin + accountDigits(12)),
      bankName: bank.name,
    };
  }
  return { accountType: '', accountNumber: '', bankName: '' };
}

function main(): void {
  const outArg = process.argv.indexOf('--out');
  const out =
    outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.resolve(__dirname, '..', 'fixtures', 'sample-batch.csv');
  const places = loadPlaces();
  const factoryIds = new Set(places.factories.map((f) => f.id));
  const rows: WorkerRowInput[] = [];
  let families = 0;

  for (const flow of FLOWS) {
    if (!factoryIds.has(flow.factory)) throw new Error(`unknown factory ${flow.factory}`);
    const villages = places.villages.filter((v) => v.countyCode === flow.county);
    if (!villages.length) throw new Error(`no villages for county ${flow.county}`);
    // A few villages send most of the people: weight the i-th village by 1/(i+1) after a seeded shuffle.
    const order = shuffle([...villages]);
    const weights = order.map((_, i) => 1 / (i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const village = () => {
      let r = rand() * total;
      for (let i = 0; i < order.length; i++) if ((r -= weights[i]) <= 0) return order[i];
      return order[order.length - 1];
    };
    const departureHour = () => (rand() < 0.85 ? 6 : 8);

    let left = flow.n;
    while (left > 0) {
      const familySize = left >= 2 && rand() < 0.06 ? Math.min(left, rand() < 0.6 ? 2 : 3) : 1;
      const familyId = familySize > 1 ? `F${pad(++families, 4)}` : '';
      const v = village();
      const hour = departureHour();
      for (let k = 0; k < familySize; k++) {
        const male = rand() < 0.62;
        const tested = rand() < 0.5;
        const provinceKnown = rand() < 0.9;
        rows.push({
          name: personName(flow.county, male),
          idNumber: idNumber(flow.county, male),
          phone: phone(),
          countyCode: flow.county,
          village: v.name,
          lon: jitter(v.lon),
          lat: jitter(v.lat),
          factoryId: flow.factory,
          healthCode: healthCode(),
          healthCodeProvince: provinceKnown ? flow.county.slice(0, 2) : '',
          nucleicTestAt: tested ? iso(flow.day - int(1, 2), int(8, 16), pick([0, 15, 30, 45])) : '',
          registeredPoor: rand() < 0.4 ? 'true' : 'false',
          earliestDeparture: iso(flow.day, hour),
          familyId,
        });
      }
      left -= familySize;
    }
  }

  // Dispatchers list people in no particular order within a county: shuffle inside each county block.
  const byCounty = new Map<string, WorkerRowInput[]>();
  for (const r of rows) byCounty.set(r.countyCode, [...(byCounty.get(r.countyCode) ?? []), r]);
  const ordered = [...byCounty.values()]
    .flatMap((block) => shuffle(block))
    .map((r): WorkerRowInput => ({ ...r, ...payeeAccount(r.countyCode), accountHolder: '' }));

  ordered.forEach((r, i) => {
    const parsed = workerRowSchema(loadPlannerConfig().utcOffsetMin).safeParse(r);
    if (!parsed.success)
      throw new Error(
        `generated row ${i + 1} is invalid: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      );
  });

  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [WORKER_COLUMNS.join(','), ...ordered.map((r) => WORKER_COLUMNS.map((c) => cell(r[c])).join(','))];
  writeFileSync(out, lines.join('\n') + '\n', 'utf8');

  const inFamilies = ordered.filter((r) => r.familyId).length;
  const green = ordered.filter((r) => r.healthCode === 'green').length;
  for (const f of FLOWS) {
    const group = ordered.filter((r) => r.countyCode === f.county && r.factoryId === f.factory);
    console.log(
      `  ${f.county} → ${f.factory} 2020-03-${pad(f.day)}: ${group.length} (${group.filter((r) => r.healthCode === 'green').length} green)`,
    );
  }
  console.log(
    `${ordered.length} workers, ${green} green, ${families} families (${inFamilies} people) → ${path.relative(process.cwd(), out)}`,
  );
}

main();
