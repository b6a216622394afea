import type { DrivingRules } from '../reference/planner-config';
import type { Duty } from './plan-schema';

const DAY_MIN = 1440;

/** One driver of a crew and the minutes they drove, as [from, to) in minutes since the leg's start. */
export interface Driver {
  crew: number;
  seat: number;
  spells: [number, number][];
}

/** The crew driving now, the crews used so far and the rests taken. */
export interface CrewState {
  driversPerCrew: number;
  relaysLeft: number;
  drivers: Driver[];
  /** Index in `drivers` of the one at the wheel. */
  current: number;
  overnightRests: number;
}

export const newCrew = (driversPerCrew: number, maxRelays: number): CrewState => ({
  driversPerCrew,
  relaysLeft: maxRelays,
  drivers: Array.from({ length: driversPerCrew }, (_, seat) => ({ crew: 0, seat, spells: [] })),
  current: 0,
  overnightRests: 0,
});

const crewOf = (c: CrewState): Driver[] => c.drivers.slice(-c.driversPerCrew);

/** Minutes the driver drove in [a, b). */
function drivenIn(d: Driver, a: number, b: number): number {
  return d.spells.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, b) - Math.max(from, a)), 0);
}

/**
 * How many of `want` minutes the driver may drive from minute `t` on, keeping every 24 h window within `cap`.
 * Windows ending at t+k hold drivenIn(t+k-1440, t) + k, which never falls as k grows (one minute in, at most one out),
 * so the answer is the largest k ≤ want for which that is ≤ cap; windows ending later only hold less.
 */
export function headroom(d: Driver, t: number, cap: number, want: number): number {
  const load = (k: number) => drivenIn(d, t + k - DAY_MIN, t) + k;
  if (load(0) > cap) return 0;
  let lo = 0,
    hi = want;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (load(mid) <= cap) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export const atWheel = (c: CrewState): Driver => c.drivers[c.current];

/** Records `minutes` of driving by the driver at the wheel from minute `t`. */
export function drive(c: CrewState, t: number, minutes: number): void {
  const spells = atWheel(c).spells;
  const last = spells.at(-1);
  if (last && last[1] === t) last[1] += minutes;
  else spells.push([t, t + minutes]);
}

/**
 * After a stop ending at minute `t`: the next driver of the crew in turn who may still drive, so two drivers
 * alternate at each break; the one at the wheel stays when nobody else may. false when nobody of the crew may.
 */
export function nextDriver(c: CrewState, t: number, cap: number): boolean {
  const crew = crewOf(c);
  const base = c.drivers.length - crew.length;
  const seat = c.current - base;
  for (let i = 1; i <= crew.length; i++) {
    const s = (seat + i) % crew.length;
    if (headroom(crew[s], t, cap, 1) > 0) {
      c.current = base + s;
      return true;
    }
  }
  return false;
}

/** true when someone of the crew other than the one at the wheel may drive at minute `t`. */
export const otherMayDrive = (c: CrewState, t: number, cap: number): boolean =>
  crewOf(c).some((d) => d !== atWheel(c) && headroom(d, t, cap, 1) > 0);

/** A fresh crew takes the bus over. */
export function relay(c: CrewState): void {
  const crew = crewOf(c)[0].crew + 1;
  c.relaysLeft -= 1;
  for (let seat = 0; seat < c.driversPerCrew; seat++) c.drivers.push({ crew, seat, spells: [] });
  c.current = c.drivers.length - c.driversPerCrew;
}

/**
 * Length of an overnight rest from minute `t`: the configured rest, longer where needed until someone of the crew
 * may drive `need` minutes again (headroom only grows while nobody drives, and a day off restores it in full).
 */
export function overnightRestLength(c: CrewState, t: number, rules: DrivingRules, need: number): number {
  const cap = rules.maxDriverMinPer24h;
  const enough = (u: number) => crewOf(c).some((d) => headroom(d, u, cap, need) >= need);
  let lo = t + rules.overnightRestMin,
    hi = Math.max(lo, t + DAY_MIN);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - t;
}

/** The most one driver drove in any 24 h: the heaviest window ends where one of their spells ends. */
const maxIn24h = (d: Driver): number => Math.max(0, ...d.spells.map(([, end]) => drivenIn(d, end - DAY_MIN, end)));

export function dutyOf(c: CrewState): Duty {
  return {
    crews: c.drivers.length / c.driversPerCrew,
    driversPerCrew: c.driversPerCrew,
    drivingMin: c.drivers.reduce((sum, d) => sum + drivenIn(d, -Infinity, Infinity), 0),
    maxDriverMinPer24h: Math.max(0, ...c.drivers.map(maxIn24h)),
    overnightRests: c.overnightRests,
  };
}
