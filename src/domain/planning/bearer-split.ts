import { z } from 'zod';
import { splitFen } from '../money/split';

/** Who bears a leg's cost: the government (paid to the operator), the employer, or the worker (refunded by rule). */
export const Bearer = z.enum(['government', 'employer', 'worker']);
export type Bearer = z.infer<typeof Bearer>;

const Percent = z.number().int().min(0).max(100);

/** How a leg's cost is shared among its bearers, in whole percent adding up to 100. */
export const BearerSplitSchema = z
  .object({ government: Percent, employer: Percent, worker: Percent })
  .refine(
    (s) => s.government + s.employer + s.worker === 100,
    'the shares of government, employer and worker must add up to 100',
  );
export type BearerSplit = z.infer<typeof BearerSplitSchema>;

/** The default split of each mode's legs (subsidy policy data); a dispatcher may change a trip's. */
export const BearerDefaultsSchema = z.object({
  bus: BearerSplitSchema,
  train: BearerSplitSchema,
  flight: BearerSplitSchema,
});
export type BearerDefaults = z.infer<typeof BearerDefaultsSchema>;

/** The worker pays and is refunded by the subsidy rule: how every leg was costed before bearers were data. */
export const WORKER_BEARS_ALL: BearerSplit = Object.freeze({ government: 0, employer: 0, worker: 100 });

/** A leg's split for its mode from the policy's defaults (the worker bears all where no defaults are given). */
export const defaultSplit = (defaults: BearerDefaults | undefined, mode: keyof BearerDefaults): BearerSplit => ({
  ...(defaults?.[mode] ?? WORKER_BEARS_ALL),
});

export type BearerFen = Record<Bearer, number>;

/** An amount of fen split over the bearers by largest remainder, so the three parts add up to it exactly. */
export function bearerFen(costFen: number, split: BearerSplit): BearerFen {
  const [government, employer, worker] = splitFen(costFen, [split.government, split.employer, split.worker]);
  return { government, employer, worker };
}

export const addBearerFen = (a: BearerFen, b: BearerFen): BearerFen => ({
  government: a.government + b.government,
  employer: a.employer + b.employer,
  worker: a.worker + b.worker,
});

export const NO_FEN: BearerFen = Object.freeze({ government: 0, employer: 0, worker: 0 });
