import type { PlanContext } from './plan-input';
import type { ModeOption, OptionCode } from './plan-schema';
import {
  busCandidate,
  droppedCandidate,
  hubsFor,
  trunkCandidate,
  type Candidate,
  type Hubs,
  type PoolDecision,
  type PoolDemand,
} from './pool-options';
import { optionText } from './option-text';
import { typesOf, type TrunkKind } from './trunk-costs';

export type { PoolDecision, PoolDemand, TrunkPick } from './pool-options';

const CHARTERS: TrunkKind[] = ['flight', 'train-special'];
const PLAIN: TrunkKind[] = ['train-carriage', 'train-seats', 'flight-seats'];
const PUBLIC: TrunkKind[] = ['train-seats', 'flight-seats'];

const cheapest = (a: Candidate, b: Candidate) =>
  a.option.scoreFen! - b.option.scoreFen! || a.option.estimateFen! - b.option.estimateFen!;
const fastest = (a: Candidate, b: Candidate) =>
  a.option.hours! - b.option.hours! || a.option.estimateFen! - b.option.estimateFen!;
const priced = (c: Candidate) => c.option.estimateFen !== null;

/** The same pool with only `m` of its travellers (the factories' shares scaled), for pricing a charter's rest. */
function part(d: PoolDemand, m: number): PoolDemand {
  const factories = d.factories
    .map((f) => ({ factory: f.factory, n: Math.round((f.n * m) / d.n) }))
    .filter((f) => f.n > 0);
  return { ...d, n: m, factories: factories.length ? factories : [{ factory: d.factories[0].factory, n: m }] };
}

/** The best of several types of one option (two aircraft types, say): the cheapest priced, else the first dropped. */
function bestOfKind(cands: Candidate[]): Candidate {
  const ok = cands.filter(priced).sort(cheapest);
  return ok[0] ?? cands[0];
}

/**
 * Estimates are held to the door-to-door limit less a margin: the routed pick-ups and the time of day the driving
 * rules meet can run past an estimate by an hour or two.
 */
const estimateLimit = (ctx: PlanContext): number =>
  ctx.config.modeChoice.maxDoorToDoorHours - ctx.config.modeChoice.estimateMarginHours;

/** Cheapest within the door-to-door limit, else the fastest; null when none is priced. */
function pick(cands: readonly Candidate[], limitH: number): Candidate | null {
  const ok = cands.filter(priced);
  return ok.filter((c) => c.option.hours! <= limitH).sort(cheapest)[0] ?? [...ok].sort(fastest)[0] ?? null;
}

/**
 * Options without a charter (direct bus, reserved carriages, public seats) for `d`. Public seats mix with other
 * passengers, so they are offered only to small pools that no chartered bus can take within the limit.
 */
function plainCandidates(
  ctx: PlanContext,
  d: PoolDemand,
  bus: Candidate,
  publicSeats: OptionCode | null,
  hubs: Map<string, Hubs>,
): Candidate[] {
  const out: Candidate[] = [bus];
  for (const kind of PLAIN) {
    const types = typesOf(ctx, kind);
    if (!types.length) continue;
    if (PUBLIC.includes(kind) && publicSeats) out.push(droppedCandidate(ctx, kind, d.n, publicSeats));
    else
      out.push(bestOfKind(types.map((t) => trunkCandidate(ctx, d, kind, t, hubsFor(ctx, d, kind, hubs), () => null))));
  }
  return out;
}

/** Marks each option's outcome: the chosen one, the costlier ones, those over the door-to-door limit. */
function outcomes(ctx: PlanContext, cands: readonly Candidate[], chosen: Candidate | null): ModeOption[] {
  const limitH = estimateLimit(ctx);
  return cands.map((c) => {
    if (!priced(c)) return c.option;
    const code = c === chosen ? 'chosen' : c.option.hours! > limitH ? 'over-hours' : 'costlier';
    const o = { ...c.option, code } as ModeOption;
    return { ...o, text: optionText(o, ctx.config.modeChoice) };
  });
}

/**
 * Chooses how a pool travels, over its whole volume: direct chartered buses (crewed under the driving-hours rules,
 * however far), chartered flights and special trains filled above their minimum (the rest by the best plain option),
 * reserved carriages on scheduled trains, and for small pools no bus can take, seats among the public. The cheapest
 * within the door-to-door limit wins, else the fastest. Every option compared or dropped is returned with its code.
 */
export function choosePoolMode(ctx: PlanContext, d: PoolDemand): PoolDecision {
  const limitH = estimateLimit(ctx);
  const hubs = new Map<string, Hubs>();
  const bus = busCandidate(ctx, d);
  const busOk = bus.option.hours! <= limitH;
  const restFor = (left: number): Candidate | null => {
    const p = part(d, left);
    return pick(plainCandidates(ctx, p, busCandidate(ctx, p), busOk ? 'bus-takes-group' : null, hubs), limitH);
  };
  const charters = CHARTERS.map((kind) =>
    bestOfKind(typesOf(ctx, kind).map((t) => trunkCandidate(ctx, d, kind, t, hubsFor(ctx, d, kind, hubs), restFor))),
  );
  const within = (c: Candidate) => priced(c) && c.option.hours! <= limitH;
  const closed = plainCandidates(ctx, d, bus, 'bus-takes-group', hubs).slice(1);
  const charterOk = [...charters, ...closed.filter((c) => c.option.option === 'train-carriage')].some(within);
  const publicSeats: OptionCode | null = busOk
    ? 'bus-takes-group'
    : charterOk && d.n > ctx.config.modeChoice.publicSeatsMaxGroup
      ? 'group-too-large'
      : null;
  const plainHere = plainCandidates(ctx, d, bus, publicSeats, hubs);
  const all = [plainHere[0], ...charters, ...plainHere.slice(1)];
  const chosen = pick(all, limitH);
  const options = outcomes(ctx, all, chosen);
  const first = options[all.indexOf(chosen!)];
  const others = options.filter((o) => o !== first).map((o) => o.text);
  const lead = chosen && chosen.option.hours! > limitH ? `nothing within ${limitH} h, fastest: ` : '';
  return {
    trunk: chosen?.trunk ?? null,
    rest: chosen?.rest ?? null,
    options,
    reason: `${lead}${first.text}; compared: ${others.join('; ')}`,
  };
}
