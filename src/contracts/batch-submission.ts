import { plainText } from '../domain/batch/plain-text';

/**
 * A submitted batch's name: trimmed plain text of at most 200 characters. (The rows are checked by the
 * batch validation, which reports every bad row and field at once.)
 */
export const BatchNameSchema = plainText('name', 200);
