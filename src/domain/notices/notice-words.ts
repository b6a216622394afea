import type { Mode } from '../planning/plan-schema';
import type { NoticeLang } from './notice-policy';

/** A local wall-clock time (the planner's UTC offset, Beijing time), formatted per language. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Where the traveller changes vehicle on the way, and to what. */
export interface Transfer {
  at: string;
  mode: Mode;
  /** A timetabled train or flight number; null for a bus or an estimated service (no number to promise). */
  service: string | null;
  departs: LocalTime | null;
}

/** Everything a notice says, already resolved to names in its language. */
export interface NoticeFacts {
  sender: string;
  name: string;
  /** The vehicle the passenger boards first. */
  mode: Mode;
  label: string;
  departs: LocalTime;
  stop: string;
  factory: string;
  transfers: Transfer[];
  arriveEarlyMin: number;
  bring: string[];
  maskRequired: boolean;
  feverFromC: number;
  hotline: string;
}

/**
 * How much a notice says, most first: the writer takes the first level that fits the SMS limit. Transfer times
 * go first, then the transfer details (staff at the stop guide people on), then the fever and mask rules (checked
 * at the door anyway; the mask stays on the list of what to bring).
 */
export const DETAIL_LEVELS = ['full', 'no-transfer-times', 'short-transfers', 'short-rules'] as const;
export type Detail = (typeof DETAIL_LEVELS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (t: LocalTime) => `${pad(t.hour)}:${pad(t.minute)}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthEn = (m: number) => MONTHS[m - 1];

const zhTime = (t: LocalTime) => `${t.year}年${t.month}月${t.day}日 ${clock(t)}`;
const enTime = (t: LocalTime) => `${clock(t)}, ${t.day} ${monthEn(t.month)} ${t.year}`;

const ZH_VEHICLE: Record<Mode, string> = { bus: '返岗专车', train: '返岗列车', flight: '返岗航班' };
const EN_VEHICLE: Record<Mode, string> = { bus: 'coach', train: 'train', flight: 'flight' };

function zhTransfer(x: Transfer, withTime: boolean): string {
  const to = x.mode === 'bus' ? '接驳车' : x.mode === 'train' ? (x.service ? ` ${x.service} 次列车` : '列车') : '航班';
  const flight = x.mode === 'flight' && x.service ? ` ${x.service}` : '';
  const time = withTime && x.departs ? `（${zhTime(x.departs)} 出发）` : '';
  return `在 ${x.at} 换乘${to}${flight}${time}`;
}

function enTransfer(x: Transfer, withTime: boolean): string {
  const to = x.mode === 'bus' ? 'a shuttle coach' : `${x.mode}${x.service ? ` ${x.service}` : ''}`;
  const time = withTime && x.departs ? ` (${enTime(x.departs)})` : '';
  return `at ${x.at} to ${to}${time}`;
}

const enList = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

function zh(f: NoticeFacts, detail: Detail): string {
  const level = DETAIL_LEVELS.indexOf(detail);
  const transfers = !f.transfers.length
    ? ''
    : level < 2
      ? `途中${f.transfers.map((x) => zhTransfer(x, level === 0)).join('，')}。`
      : '途中需换乘，请听从工作人员安排。';
  const mask = f.maskRequired && level < 3 ? '，途中全程佩戴口罩' : '';
  // °C, not ℃ (U+2103): phones and print fonts without the CJK compatibility sign show it as a blank.
  const fever = level < 3 ? `上车前测体温，${f.feverFromC}°C及以上不能乘车。` : '';
  return (
    `【${f.sender}】${f.name}您好：您乘坐的${ZH_VEHICLE[f.mode]} ${f.label} 将于 ${zhTime(f.departs)} ` +
    `在 ${f.stop} 发车，前往 ${f.factory}。${transfers}` +
    `请提前${f.arriveEarlyMin}分钟到达，携带${f.bring.join('、')}${mask}。${fever}咨询电话：${f.hotline}`
  );
}

// English is the longer language: terse on purpose, so that a notice with one change of vehicle still fits.
function en(f: NoticeFacts, detail: Detail): string {
  const level = DETAIL_LEVELS.indexOf(detail);
  const transfers = !f.transfers.length
    ? ''
    : level < 2
      ? `Change ${f.transfers.map((x) => enTransfer(x, level === 0)).join(', ')}. `
      : 'Staff guide you at changes. ';
  const mask = f.maskRequired && level < 3 ? ' Mask on all the way.' : '';
  const fever = level < 3 ? ` ${f.feverFromC} °C or more: no boarding.` : '';
  return (
    `[${f.sender}] ${f.name}: your ${EN_VEHICLE[f.mode]} ${f.label} leaves ${f.stop} ` +
    `at ${enTime(f.departs)} (Beijing time) for ${f.factory}. ${transfers}` +
    `Come ${f.arriveEarlyMin} min early with ${enList(f.bring)}.${mask}${fever} Hotline: ${f.hotline}`
  );
}

/** The notice's text in one language at one level of detail. */
export const noticeText = (lang: NoticeLang, f: NoticeFacts, detail: Detail): string =>
  lang === 'zh' ? zh(f, detail) : en(f, detail);
