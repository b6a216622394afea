import { ApiError, getJson } from '../../lib/api';
import { fill, h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { indexPlaces, places, type PlaceIndex } from '../../lib/places';
import type { RowError } from '../../lib/types';
import { errorBox } from '../../lib/widgets';
import { intakeErrorTable } from './intake-errors';

/**
 * The pieces of a worker CSV upload, shared by the batch upload (batches page) and "add workers" (plan page):
 * the drop zone with its file input, the validation preview and the table of row errors.
 */

export const sizeText = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

export interface CsvDropzone {
  el: HTMLElement;
  input: HTMLInputElement;
  /** Says which file was chosen (name and size). */
  chosen: HTMLElement;
}

/** A drop zone and a visually hidden file input with its visible label; `onFile` gets the chosen or dropped file. */
export function csvDropzone(o: { inputId: string; testId: string; onFile: (f: File) => void }): CsvDropzone {
  const input = h('input', {
    type: 'file',
    accept: '.csv,text/csv',
    class: 'visually-hidden',
    'data-testid': o.testId,
  });
  input.id = o.inputId;
  const chosen = h('p', { class: 'file-name', 'aria-live': 'polite' });
  const el = h(
    'div',
    { class: 'dropzone', 'data-testid': o.testId === 'csv-input' ? 'dropzone' : `${o.testId}-zone` },
    h('p', null, t('dropHint'), ' '),
    input,
    h('label', { for: input.id, class: 'button' }, t('chooseFile')),
    h('p', { class: 'hint' }, t('csvHelp')),
    chosen,
  );
  input.addEventListener('change', () => input.files?.[0] && o.onFile(input.files[0]));
  el.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    el.classList.add('over');
  });
  el.addEventListener('dragleave', () => el.classList.remove('over'));
  el.addEventListener('drop', (e) => {
    e.preventDefault();
    el.classList.remove('over');
    const file = e.dataTransfer?.files?.[0];
    if (file) o.onFile(file);
  });
  return { el, input, chosen };
}

/** The row errors of a 422, or null when `e` is some other failure. */
export const rowErrorsOf = (e: unknown): RowError[] | null =>
  e instanceof ApiError && e.status === 422 && Array.isArray(e.details) ? (e.details as RowError[]) : null;

/**
 * "n problems, nothing stored" and every row error, by row (the file's line, header = 1) then field, worded from
 * its code; `ix` names the counties and provinces.
 */
export function rowErrorsBlock(rows: RowError[], ix?: PlaceIndex): HTMLElement[] {
  const sorted = [...rows].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  return [
    h('div', { class: 'error-box', role: 'alert' }, h('p', null, t('previewBad', { count: rows.length }))),
    intakeErrorTable(sorted, ix),
  ];
}

/**
 * Validates a CSV as a batch submission would (`POST /batches?dryRun=1`: nothing stored) and shows the outcome
 * in `preview`: the row count, or every row error. Resolves to whether the file may be submitted.
 */
export async function previewCsv(bytes: ArrayBuffer, preview: HTMLElement, signal: AbortSignal): Promise<boolean> {
  fill(preview, h('p', { class: 'loading', role: 'status' }, t('checking')));
  try {
    const r = await getJson<{ valid: boolean; rows: number }>('/batches?dryRun=1', {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'text/csv' },
      signal,
    });
    fill(preview, h('p', { class: 'status-line ok', role: 'status' }, t('previewOk', { rows: r.rows })));
    return true;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return false;
    const rows = rowErrorsOf(e);
    // Place names are a nicety: without the reference data the codes are shown.
    const ix = rows ? await places().then(indexPlaces, () => undefined) : undefined;
    if (rows) fill(preview, ...rowErrorsBlock(rows, ix));
    else fill(preview, errorBox(e));
    return false;
  }
}
