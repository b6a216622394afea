import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import { isRetryable } from '../errors';

/**
 * Parses what BullMQ hands over (a job's data, a child's return value) against its contract. A mismatch
 * never heals by retrying: the job fails at once, naming the first problem.
 */
export function parseJobData<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new UnrecoverableError(`bad ${what}: ${issue.message}${at}`);
  }
  return parsed.data;
}

/** An error the use case marks as not worth retrying (bad input, a batch gone) skips BullMQ's retries. */
export const toQueueError = (e: unknown): unknown =>
  isRetryable(e) ? e : new UnrecoverableError((e as Error).message);
