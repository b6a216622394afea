import { ApiError, getJson } from '../lib/api';
import { field, fill, h } from '../lib/dom';
import { t } from '../lib/i18n';
import { can, me, rememberBatch } from '../lib/session';
import type { RowError } from '../lib/types';
import { busy, errorBox, pageHeader, rowErrorTable, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import { batchListPanel } from './batches/batch-list';
import { stateFrom } from './batches/list-query';

const sizeText = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Batches: every batch of the key's counties from the API (search, status, days, pages), each linking to its page;
 * dispatchers also upload a CSV (drag and drop or file input) → validation preview → submit. Finance reads only.
 */
export async function batchesView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('batchesTitle'));
  const list = batchListPanel(stateFrom(ctx.query), ctx.signal);
  if (can(me(), 'dispatcher'))
    fill(ctx.root, pageHeader(t('batchesTitle')), h('div', { class: 'columns wide-left' }, list.el, uploadPanel(ctx)));
  else fill(ctx.root, pageHeader(t('batchesTitle'), h('p', { class: 'muted' }, t('batchListReadOnly'))), list.el);
  await list.loaded;
  ctx.ready('batches');
}

function uploadPanel(ctx: ViewContext): HTMLElement {
  let bytes: ArrayBuffer | null = null;
  let idempotencyKey = '';
  let autoName = '';
  const input = h('input', {
    type: 'file',
    accept: '.csv,text/csv',
    class: 'visually-hidden',
    'data-testid': 'csv-input',
  });
  input.id = 'csv-file';
  const chosen = h('p', { class: 'file-name', 'aria-live': 'polite' });
  const zone = h(
    'div',
    { class: 'dropzone', 'data-testid': 'dropzone' },
    h('p', null, t('dropHint'), ' '),
    input,
    h('label', { for: input.id, class: 'button' }, t('chooseFile')),
    h('p', { class: 'hint' }, t('csvHelp')),
    chosen,
  );
  const name = h('input', { type: 'text', name: 'batchName', maxlength: '200', class: 'wide', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, t('submit'));
  const preview = h('div', { class: 'preview', 'data-testid': 'preview' });
  const status = statusLine();

  async function take(file: File): Promise<void> {
    bytes = await file.arrayBuffer();
    idempotencyKey = crypto.randomUUID();
    chosen.textContent = t('fileChosen', { name: file.name, size: sizeText(file.size) });
    // The file's name names the batch unless the dispatcher typed another.
    if (!name.value || name.value === autoName) name.value = autoName = file.name.replace(/\.csv$/i, '');
    submit.disabled = true;
    status.clear();
    fill(preview, h('p', { class: 'loading', role: 'status' }, t('checking')));
    try {
      const r = await getJson<{ valid: boolean; rows: number }>('/batches?dryRun=1', {
        method: 'POST',
        body: bytes,
        headers: { 'content-type': 'text/csv' },
        signal: ctx.signal,
      });
      fill(preview, h('p', { class: 'status-line ok', role: 'status' }, t('previewOk', { rows: r.rows })));
      submit.disabled = false;
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      const rows = e instanceof ApiError && Array.isArray(e.details) ? (e.details as RowError[]) : null;
      if (e instanceof ApiError && e.status === 422 && rows) {
        const sorted = [...rows].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
        fill(
          preview,
          h('div', { class: 'error-box', role: 'alert' }, h('p', null, t('previewBad', { count: rows.length }))),
          rowErrorTable(sorted),
        );
      } else fill(preview, errorBox(e));
    }
  }

  input.addEventListener('change', () => input.files?.[0] && void take(input.files[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const file = e.dataTransfer?.files?.[0];
    if (file) void take(file);
  });

  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, t('uploadTitle')),
    zone,
    preview,
    field(t('batchName'), name),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!bytes) return;
    status.clear();
    try {
      const batchName = name.value.trim() || 'CSV';
      const r = await busy(submit, t('submitting'), () =>
        getJson<{ id: string }>(`/batches?name=${encodeURIComponent(batchName)}`, {
          method: 'POST',
          body: bytes!,
          headers: { 'content-type': 'text/csv', 'idempotency-key': idempotencyKey },
        }),
      );
      rememberBatch({ id: r.id, name: batchName, at: new Date().toISOString() });
      ctx.navigate(`/batches/${r.id}`);
    } catch (err) {
      status.fail(errorBox(err));
    }
  });
  return form;
}
