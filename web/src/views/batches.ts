import { getJson } from '../lib/api';
import { field, fill, h } from '../lib/dom';
import { t } from '../lib/i18n';
import { can, me, rememberBatch } from '../lib/session';
import { busy, errorBox, pageHeader, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import { batchListPanel } from './batches/batch-list';
import { mergePanel } from './batches/merge-panel';
import { csvDropzone, previewCsv, sizeText } from './batches/csv-preview';
import { csvTemplateHelp } from './batches/csv-template';
import { stateFrom } from './batches/list-query';

/**
 * Batches: every batch of the key's counties from the API (search, status, days, pages), each linking to its page;
 * dispatchers also upload a CSV (drag and drop or file input) → validation preview → submit, and tick batches to
 * plan together. Finance reads only.
 */
export async function batchesView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('batchesTitle'));
  const dispatcher = can(me(), 'dispatcher');
  const merge = dispatcher ? mergePanel((path) => ctx.navigate(path)) : undefined;
  const list = batchListPanel(stateFrom(ctx.query), ctx.signal, merge);
  if (merge)
    fill(
      ctx.root,
      pageHeader(t('batchesTitle')),
      h('div', { class: 'columns wide-left' }, list.el, h('div', { class: 'side-panels' }, uploadPanel(ctx), merge.el)),
    );
  else fill(ctx.root, pageHeader(t('batchesTitle'), h('p', { class: 'muted' }, t('batchListReadOnly'))), list.el);
  await list.loaded;
  ctx.ready('batches');
}

function uploadPanel(ctx: ViewContext): HTMLElement {
  let bytes: ArrayBuffer | null = null;
  let idempotencyKey = '';
  let autoName = '';
  const drop = csvDropzone({ inputId: 'csv-file', testId: 'csv-input', onFile: (f) => void take(f) });
  const name = h('input', { type: 'text', name: 'batchName', maxlength: '200', class: 'wide', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, t('submit'));
  const preview = h('div', { class: 'preview', 'data-testid': 'preview' });
  const status = statusLine();

  async function take(file: File): Promise<void> {
    bytes = await file.arrayBuffer();
    idempotencyKey = crypto.randomUUID();
    drop.chosen.textContent = t('fileChosen', { name: file.name, size: sizeText(file.size) });
    // The file's name names the batch unless the dispatcher typed another.
    if (!name.value || name.value === autoName) name.value = autoName = file.name.replace(/\.csv$/i, '');
    submit.disabled = true;
    status.clear();
    submit.disabled = !(await previewCsv(bytes, preview, ctx.signal));
  }

  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, t('uploadTitle')),
    // A visible control first: the drop zone's file input is hidden behind its label.
    csvTemplateHelp(),
    drop.el,
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
