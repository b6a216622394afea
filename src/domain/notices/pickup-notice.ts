import { rulesFor, type HealthPolicy } from '../health/health-policy';
import type { PlanLeg, PlanStop } from '../planning/plan-schema';
import type { Places } from '../reference/places';
import { hotlineOf, nucleicItem, senderOf, type NoticeLang, type NoticePolicy } from './notice-policy';
import {
  DETAIL_LEVELS,
  noticeText,
  type Detail,
  type LocalTime,
  type NoticeFacts,
  type Transfer,
} from './notice-words';

/**
 * Pick-up notices: the text each passenger of a trip receives by SMS before the day (where, when, what to
 * bring). Pure: the trip, the passenger, the policies and the gazetteer in, the text out; times are local at
 * the planner's UTC offset (Beijing time), never the process's zone.
 */

/** What a notice needs of a trip (a stored trip's columns and legs). */
export interface NoticeTrip {
  key: string;
  /** The trip's main vehicle label; the boarding leg's own label comes first. */
  label: string | null;
  countyCode: string;
  factoryId: string;
  /** When the trip sets off: the boarding time of a passenger whose stop has none stored (older plans). */
  departAt: string;
  legs: readonly PlanLeg[];
}

export interface NoticePassenger {
  workerId: string;
  name: string;
}

export interface NoticeSetting {
  policy: NoticePolicy;
  health: HealthPolicy;
  places: Places;
  utcOffsetMin: number;
}

export interface PickupNotice {
  workerId: string;
  text: string;
  /** Characters (code points), what the SMS platform counts. */
  length: number;
  /** Parts the SMS travels in: 70 characters in one, 67 each once split (UCS-2, as Chinese text always is). */
  smsParts: number;
  /** How much the text says (DETAIL_LEVELS): the first level within `maxLength`. */
  detail: Detail;
  /** Still longer than `maxLength` at the shortest level (a very long name or place). */
  overLimit: boolean;
}

export const charCount = (text: string): number => [...text].length;
export const smsParts = (length: number): number => (length <= 70 ? 1 : Math.ceil(length / 67));

export function localTime(iso: string, utcOffsetMin: number): LocalTime {
  const d = new Date(Date.parse(iso) + utcOffsetMin * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** Names in one language: reference places by id, villages by county and Chinese name, else as stored. */
function namesIn(places: Places, lang: NoticeLang) {
  const pick = (p: { name: string; nameEn: string } | undefined, fallback: string) =>
    p ? (lang === 'en' ? p.nameEn : p.name) : fallback;
  const byId = new Map<string, { name: string; nameEn: string }>();
  for (const p of [...places.factories, ...places.hubs]) byId.set(p.id, p);
  const villages = new Map(places.villages.map((v) => [`${v.countyCode}|${v.name}`, v]));
  const counties = new Map(places.counties.map((c) => [c.code, c]));
  const factories = new Map(places.factories.map((f) => [f.id, f]));
  return {
    county: (code: string) => pick(counties.get(code), code),
    factory: (id: string) => pick(factories.get(id), id),
    province: (id: string) => factories.get(id)?.provinceCode ?? null,
    stop: (s: PlanStop, countyCode: string) =>
      pick((s.placeId ? byId.get(s.placeId) : undefined) ?? villages.get(`${countyCode}|${s.name}`), s.name),
  };
}

/** The stop where the passenger first gets on, on the first leg that carries them. */
function boardingOf(legs: readonly PlanLeg[], workerId: string): { leg: PlanLeg; stop: PlanStop } {
  for (const leg of legs) for (const stop of leg.stops) if (stop.boarding.includes(workerId)) return { leg, stop };
  // A stored passenger is always boarded somewhere; an older plan without boarding ids starts at the trip's start.
  const leg = legs.find((l) => l.passengerIds.includes(workerId)) ?? legs[0];
  return { leg, stop: leg.stops[0] };
}

/** The first level of detail whose text fits `maxLength`, else the shortest, flagged. */
function fitted(workerId: string, textAt: (d: Detail) => string, maxLength: number): PickupNotice {
  const texts = DETAIL_LEVELS.map((detail) => {
    const text = textAt(detail);
    return { detail, text, length: charCount(text) };
  });
  const best = texts.find((x) => x.length <= maxLength) ?? texts[texts.length - 1];
  return { workerId, ...best, smsParts: smsParts(best.length), overLimit: best.length > maxLength };
}

/**
 * A writer of one language's notices: indexes the names once, then writes each passenger's notice. The text
 * is the first of DETAIL_LEVELS that fits the language's `policy.maxLength`.
 */
export function noticeWriter(
  s: NoticeSetting,
  lang: NoticeLang,
): (trip: NoticeTrip, p: NoticePassenger) => PickupNotice {
  const names = namesIn(s.places, lang);
  const { policy } = s;
  return (trip, p) => {
    const { leg, stop } = boardingOf(trip.legs, p.workerId);
    const province = names.province(trip.factoryId);
    const rules = province ? rulesFor(s.health, province) : s.health.defaults;
    const nucleic = rules.nucleicTestMaxAgeHours;
    const transfers: Transfer[] = trip.legs
      .filter((l) => l.seq > leg.seq && l.passengerIds.includes(p.workerId))
      .map((l) => ({
        at: names.stop(l.stops[0], trip.countyCode),
        mode: l.mode,
        service: l.service && !l.service.estimated ? l.service.number : null,
        departs: l.mode !== 'bus' && l.stops[0].departAt ? localTime(l.stops[0].departAt, s.utcOffsetMin) : null,
      }));
    const facts: NoticeFacts = {
      sender: senderOf(policy, lang, trip.countyCode, names.county(trip.countyCode)),
      name: p.name,
      mode: leg.mode,
      label: leg.vehicleLabel ?? trip.label ?? trip.key,
      departs: localTime(stop.departAt ?? trip.departAt, s.utcOffsetMin),
      stop: names.stop(stop, trip.countyCode),
      factory: names.factory(trip.factoryId),
      transfers,
      arriveEarlyMin: policy.arriveEarlyMin,
      bring: [...policy.bring[lang], ...(nucleic ? [nucleicItem(policy, lang, nucleic)] : [])],
      maskRequired: s.health.boarding.maskRequired,
      feverFromC: s.health.boarding.feverFromC,
      hotline: hotlineOf(policy, trip.countyCode),
    };
    return fitted(p.workerId, (detail) => noticeText(lang, facts, detail), policy.maxLength[lang]);
  };
}
