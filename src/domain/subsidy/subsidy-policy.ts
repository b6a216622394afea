import { z } from 'zod';
import { Fen } from '../reference/planner-config';
import { ProvinceCode } from '../reference/places';
import type { ProvinceIndex } from '../reference/province-index';

const Caps = z.object({
  /** Cap when home and destination lie in the same province. */
  inProvinceFen: Fen,
  /** Cap when the worker leaves the home province (2020 default: 800 yuan). */
  outOfProvinceFen: Fen,
});

/** Who gets a transport subsidy and how much at most; keyed by the worker's home province (the payer). */
export const SubsidyPolicySchema = z.object({
  defaultCaps: Caps,
  byProvince: z.record(ProvinceCode, Caps).default({}),
  /** Days a published list stays on public notice (公示) before it may be approved. */
  publicNoticeDays: z.number().int().nonnegative(),
  eligibility: z.object({
    /** true: only registered-poor (建档立卡) workers; false: every worker who arrives. */
    registeredPoorOnly: z.boolean(),
  }),
});

export type SubsidyPolicy = z.infer<typeof SubsidyPolicySchema>;

export interface SubsidyCase {
  homeProvince: string;
  destinationProvince: string;
  registeredPoor: boolean;
  /** The person's exact share of the whole door-to-door trip cost. */
  costShareFen: number;
}

export function subsidyCapFen(policy: SubsidyPolicy, homeProvince: string, destinationProvince: string): number {
  const caps = policy.byProvince[homeProvince] ?? policy.defaultCaps;
  return homeProvince === destinationProvince ? caps.inProvinceFen : caps.outOfProvinceFen;
}

/** min(cap, cost share) for an eligible person, else 0; always integer fen. */
export function subsidyFen(policy: SubsidyPolicy, c: SubsidyCase): number {
  return cappedFen(policy, subsidyCapFen(policy, c.homeProvince, c.destinationProvince), c);
}

function cappedFen(policy: SubsidyPolicy, capFen: number, c: Pick<SubsidyCase, 'registeredPoor' | 'costShareFen'>) {
  if (policy.eligibility.registeredPoorOnly && !c.registeredPoor) return 0;
  if (!Number.isSafeInteger(c.costShareFen) || c.costShareFen < 0)
    throw new RangeError(`cost share must be integer fen, got ${c.costShareFen}`);
  return Math.min(capFen, c.costShareFen);
}

/** A traveller as the subsidy rule sees them, whether estimated at planning or computed at arrival. */
export interface Traveller {
  countyCode: string;
  factoryId: string;
  registeredPoor: boolean;
  costShareFen: number;
  /** The trip's destination province when it was stored with the trip; else the factory's. */
  destinationProvince?: string | null;
}

/**
 * The one subsidy rule: the cap of the traveller's home province for their destination, and the subsidy
 * min(cap, cost share) in integer fen (0 when not eligible). The planner's estimate and the amount made
 * payable at arrival are both this function, so they cannot drift apart.
 */
export function travellerSubsidy(
  policy: SubsidyPolicy,
  provinces: ProvinceIndex,
  t: Traveller,
): { capFen: number; amountFen: number } {
  const home = provinces.ofCounty(t.countyCode);
  const destination = t.destinationProvince ?? provinces.ofFactory(t.factoryId) ?? '';
  const capFen = subsidyCapFen(policy, home, destination);
  return { capFen, amountFen: cappedFen(policy, capFen, t) };
}
