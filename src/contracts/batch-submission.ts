import { z } from 'zod';
import { plainText } from '../domain/batch/plain-text';

/**
 * A submitted batch's name: trimmed plain text of at most 200 characters. (The rows are checked by the
 * batch validation, which reports every bad row and field at once.)
 */
export const BatchNameSchema = plainText('name', 200);

/**
 * The JSON body of `POST /batches`: `{name, workers:[…]}`. Only its shape is checked here; the name is checked
 * with the rows (BatchNameSchema), and each worker row by the batch validation, so every problem of a
 * submission is reported at once.
 */
export const batchSubmissionSchema = (maxRows: number) =>
  z.object(
    {
      name: z.string({ error: 'name must be text' }).optional().default(''),
      workers: z
        .array(z.unknown(), { error: 'expected workers:[…], one object per worker' })
        .max(maxRows, `a batch holds at most ${maxRows} workers`),
    },
    { error: 'expected {name, workers:[…]}' },
  );
export type BatchSubmissionBody = z.infer<ReturnType<typeof batchSubmissionSchema>>;
