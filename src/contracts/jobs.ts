import { z } from 'zod';
import { HeldWorkerSchema, PlanTripSchema } from '../domain/planning/plan-schema';

/*
 * The planning queue's job registry: each job name with its payload, shared by the producer (submission,
 * re-queue sweep) and the consumer (the planning runner). PostgreSQL holds the batch; a payload names it.
 */

/** Job names: the batch (parent) and, for a fanned-out batch, one child per share of its groups. */
export const PLAN_BATCH = 'plan-batch';
export const PLAN_GROUP = 'plan-group';

/** The job payload is an id and a revision: PostgreSQL holds the batch itself. */
export const PlanJobSchema = z.object({ batchId: z.uuid(), revision: z.number().int().positive() });
export type PlanJob = z.infer<typeof PlanJobSchema>;

/**
 * A parent job's data as the runner reads it back: once its children exist it is marked with the step it
 * resumes in, so a parent resumed (on any process) assembles instead of fanning out again.
 */
export const ParentJobSchema = PlanJobSchema.extend({ step: z.literal('assemble').optional() });
export type ParentJob = z.infer<typeof ParentJobSchema>;

/** A child job: a share of a batch revision's independent groups (origin county × destination × day). */
export const GroupJobSchema = PlanJobSchema.extend({ groupKeys: z.array(z.string().min(1)).min(1) });
export type GroupJob = z.infer<typeof GroupJobSchema>;

/** One group's contribution to a plan, as a child returns it: trips not yet keyed, and the held workers. */
export const GroupResultSchema = z.object({
  key: z.string().min(1),
  trips: z.array(PlanTripSchema.omit({ key: true })),
  held: z.array(HeldWorkerSchema),
});
/** A child job's return value: the results of every group of its share. */
export const GroupResultsSchema = z.array(GroupResultSchema);
export type GroupResult = z.infer<typeof GroupResultSchema>;

/** A deterministic job id makes enqueueing idempotent: the same batch revision is queued at most once. */
export const planJobId = (j: PlanJob): string => `plan-${j.batchId}-r${j.revision}`;

/** Child job ids derive from the parent's, so a re-run of the fan-out adds no second set of children. */
export const groupJobId = (parentId: string, index: number): string => `${parentId}-g${index}`;
