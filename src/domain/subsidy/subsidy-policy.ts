import { z } from 'zod';
import { BearerDefaultsSchema } from '../planning/bearer-split';
import { Fen } from '../reference/planner-config';
import { ProvinceCode } from '../reference/places';
import type { ProvinceIndex } from '../reference/province-index';

const Caps = z.object({
  /** Cap when home and destination lie in the same province. */
  inProvinceFen: Fen,
  /** Cap when the worker leaves the home province (2020 default: 800 yuan). */
  outOfProvinceFen: Fen,
});

const Percent = z.number().int().min(0).max(100);
const Instant = z.iso.datetime({ offset: true });

/** The share of what the worker bore that is refunded, by the trip's departure (e.g. Zhouqu 2020: 100 %, then 70 %). */
const RefundSchema = z
  .object({
    /** Departures at or after `from` and before `until` (instants with their offset) are refunded at `percent`. */
    bands: z.array(z.object({ from: Instant, until: Instant, percent: Percent })).default([]),
    /** The refund of a departure outside every band. */
    otherwisePercent: Percent,
  })
  .superRefine((r, ctx) => {
    const bands = r.bands.map((b) => ({ from: Date.parse(b.from), until: Date.parse(b.until) }));
    bands.forEach((b, i) => {
      if (b.until <= b.from) ctx.addIssue({ code: 'custom', path: ['bands', i], message: 'until must be after from' });
      if (bands.some((o, j) => j < i && o.from < b.until && b.from < o.until))
        ctx.addIssue({ code: 'custom', path: ['bands', i], message: 'refund bands must not overlap' });
    });
  });
export type RefundRule = z.infer<typeof RefundSchema>;

const FULL_REFUND: RefundRule = { bands: [], otherwisePercent: 100 };

/** The rules of one home province: caps, and optionally its own refund bands. */
const ProvinceRule = Caps.extend({ refund: RefundSchema.optional() });

/** Who gets a transport subsidy and how much at most; keyed by the worker's home province (the payer). */
export const SubsidyPolicySchema = z.object({
  defaultCaps: Caps,
  byProvince: z.record(ProvinceCode, ProvinceRule).default({}),
  /** Refund rate by departure date band (a home province's own bands replace these). */
  refund: RefundSchema.default(FULL_REFUND),
  /** Who bears each mode's legs unless the dispatcher decides otherwise for a trip. */
  bearers: BearerDefaultsSchema,
  /** Days a published list stays on public notice (公示) before it may be approved. */
  publicNoticeDays: z.number().int().nonnegative(),
  /** true: the finance user who approved a list may not also mark it paid (absent: the stricter rule). */
  payerMustDifferFromApprover: z.boolean().default(true),
  eligibility: z.object({
    /** true: only registered-poor (建档立卡) workers; false: every worker who arrives. */
    registeredPoorOnly: z.boolean(),
  }),
  /**
   * A subsidy is payable after a confirmed arrival plus the enterprise's confirmation of employment, or this
   * many days after the arrival without a withdrawal (null: only the confirmation opens it; 0: the arrival does).
   */
  employmentGate: z.object({ daysWithoutWithdrawal: z.number().int().nonnegative().nullable() }),
});

export type SubsidyPolicy = z.infer<typeof SubsidyPolicySchema>;

export function subsidyCapFen(policy: SubsidyPolicy, homeProvince: string, destinationProvince: string): number {
  const caps = policy.byProvince[homeProvince] ?? policy.defaultCaps;
  return homeProvince === destinationProvince ? caps.inProvinceFen : caps.outOfProvinceFen;
}

/** The refund rate of a departure for a worker from `homeProvince`: the band it falls in, else the otherwise rate. */
export function refundPercent(policy: SubsidyPolicy, homeProvince: string, departAt: Date): number {
  const rule = policy.byProvince[homeProvince]?.refund ?? policy.refund;
  const t = departAt.getTime();
  const band = rule.bands.find((b) => Date.parse(b.from) <= t && t < Date.parse(b.until));
  return band ? band.percent : rule.otherwisePercent;
}

/** A traveller as the subsidy rule sees them, whether estimated at planning or computed at arrival. */
export interface Traveller {
  countyCode: string;
  factoryId: string;
  registeredPoor: boolean;
  /** The part of the trip's cost this person bore themselves (not the government's or the employer's). */
  workerShareFen: number;
  /** The trip's departure: its date picks the refund band (never a typed arrival time). */
  departAt: Date;
  /** The trip's destination province when it was stored with the trip; else the factory's. */
  destinationProvince?: string | null;
}

export interface SubsidyAmount {
  capFen: number;
  refundPercent: number;
  amountFen: number;
}

/**
 * The one subsidy rule: what the worker bore, refunded at the rate of the trip's departure band, rounded down
 * to whole fen (never more than the rate), capped by the home province's cap for the destination (in or out of
 * the province); 0 when not eligible. Integer fen throughout. The planner's estimate and the amount made
 * payable at arrival are both this function, so they cannot drift apart.
 */
export function travellerSubsidy(policy: SubsidyPolicy, provinces: ProvinceIndex, t: Traveller): SubsidyAmount {
  const home = provinces.ofCounty(t.countyCode);
  const destination = t.destinationProvince ?? provinces.ofFactory(t.factoryId) ?? '';
  const capFen = subsidyCapFen(policy, home, destination);
  const percent = refundPercent(policy, home, t.departAt);
  if (!Number.isSafeInteger(t.workerShareFen) || t.workerShareFen < 0)
    throw new RangeError(`worker share must be integer fen, got ${t.workerShareFen}`);
  if (policy.eligibility.registeredPoorOnly && !t.registeredPoor)
    return { capFen, refundPercent: percent, amountFen: 0 };
  const refunded = Math.floor((t.workerShareFen * percent) / 100);
  return { capFen, refundPercent: percent, amountFen: Math.min(capFen, refunded) };
}
