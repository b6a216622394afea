import type { PlanLeg } from '../../../src/domain/planning/plan-schema';

const MIN = 60_000;
const DAY_MS = 24 * 60 * MIN;
/** A stop note naming a crew change (relay): where one crew hands the bus to the next. */
const HANDOVER_NOTE = /relay|crew change|change of crew|hand.?over|换班|接力|交接/i;

export interface Interval {
  start: number;
  end: number;
}

export interface DriverHours {
  /** Minutes the bus moves: between each stop's departure and the next stop's arrival. */
  drivingMin: number;
  crews: number;
  driversPerCrew: number;
  /** The most one driver drives in any rolling 24 h, drivers of a crew sharing its driving evenly. */
  maxDriverMinPer24h: number;
  /** Where crews changed: 'notes' (stops say so), 'even' (equal driving shares in turn), 'single' (one crew). */
  handover: 'notes' | 'even' | 'single';
  /** The planner's own figure, when the leg states one (printed beside ours, never trusted). */
  plannerMaxDriverMinPer24h: number | null;
}

/** Driving intervals of the legs of one vehicle (pooled legs may repeat the same stops: the union counts once). */
export function drivingIntervals(legs: readonly PlanLeg[]): Interval[] {
  const raw: Interval[] = [];
  for (const leg of legs)
    leg.stops.forEach((s, i) => {
      const next = leg.stops[i + 1];
      if (!next || !s.departAt || !next.arriveAt) return;
      const start = Date.parse(s.departAt),
        end = Date.parse(next.arriveAt);
      if (end > start) raw.push({ start, end });
    });
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const x of raw) {
    const last = out.at(-1);
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}

const length = (xs: readonly Interval[]) => xs.reduce((s, x) => s + (x.end - x.start), 0);

/** The most driving inside any window of `windowMs` (a window that starts where some driving starts is the worst). */
export function maxInWindow(xs: readonly Interval[], windowMs = DAY_MS): number {
  let best = 0;
  for (const w of xs) {
    const until = w.start + windowMs;
    let sum = 0;
    for (const x of xs)
      if (x.end > w.start && x.start < until) sum += Math.min(x.end, until) - Math.max(x.start, w.start);
    best = Math.max(best, sum);
  }
  return best;
}

/** Cuts intervals at the given instants (sorted): the pieces between cuts, in order. */
export function cutAt(xs: readonly Interval[], cuts: readonly number[]): Interval[][] {
  const parts: Interval[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const x of xs) {
    let start = x.start;
    for (let k = 0; k <= cuts.length; k++) {
      const bound = k < cuts.length ? cuts[k] : Infinity;
      if (start >= bound) continue;
      const end = Math.min(x.end, bound);
      if (end > start) parts[k].push({ start, end });
      start = end;
      if (start >= x.end) break;
    }
  }
  return parts;
}

/** Instants that split the driving into `n` parts of equal driving time (relay crews taking turns). */
export function evenCuts(xs: readonly Interval[], n: number): number[] {
  const total = length(xs);
  const cuts: number[] = [];
  let done = 0;
  for (const x of xs) {
    while (cuts.length < n - 1 && done + (x.end - x.start) >= (total * (cuts.length + 1)) / n)
      cuts.push(x.start + (total * (cuts.length + 1)) / n - done);
    done += x.end - x.start;
  }
  return cuts;
}

/** Crew changes named by the stops' notes (at the stop's arrival). */
function noteCuts(legs: readonly PlanLeg[]): number[] {
  const at = legs.flatMap((l) =>
    l.stops.filter((s) => s.note && HANDOVER_NOTE.test(s.note) && (s.arriveAt ?? s.departAt)),
  );
  return [...new Set(at.map((s) => Date.parse((s.arriveAt ?? s.departAt)!)))].sort((a, b) => a - b);
}

/**
 * Drivers' hours of one bus from its stops alone: driving minutes, and the most any driver drives in a rolling
 * 24 h. Crews and drivers come from `duty` (crews × driversPerCrew) when the leg has it, else `drivers` in one crew.
 */
export function driverHours(legs: readonly PlanLeg[]): DriverHours {
  const withDuty = legs.find((l) => l.duty);
  const crews = withDuty?.duty?.crews ?? 1;
  const driversPerCrew = withDuty?.duty?.driversPerCrew ?? Math.max(1, ...legs.map((l) => l.drivers));
  const xs = drivingIntervals(legs);
  let parts: Interval[][] = [xs];
  let handover: DriverHours['handover'] = 'single';
  if (crews > 1) {
    // Notes are used only when they name exactly one hand-over per fresh crew; else equal shares in turn.
    const fromNotes = noteCuts(legs);
    const useNotes = fromNotes.length === crews - 1;
    handover = useNotes ? 'notes' : 'even';
    parts = cutAt(xs, useNotes ? fromNotes : evenCuts(xs, crews));
  }
  const worst = Math.max(0, ...parts.map((p) => maxInWindow(p)));
  const planner = legs.map((l) => l.duty?.maxDriverMinPer24h).filter((m): m is number => m !== undefined);
  return {
    drivingMin: Math.round(length(xs) / MIN),
    crews,
    driversPerCrew,
    maxDriverMinPer24h: Math.round(worst / MIN / driversPerCrew),
    handover,
    plannerMaxDriverMinPer24h: planner.length ? Math.max(...planner) : null,
  };
}
