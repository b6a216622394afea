import { getJson } from '../../lib/api';
import { field, h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { rememberBatch } from '../../lib/session';
import { busy, errorBox, statusLine } from '../../lib/widgets';
import type { RowSelect } from './batch-table';

/** The batches ticked in the list (kept across its pages and searches) and the form that plans them together. */
export interface MergeSelection extends RowSelect {
  el: HTMLElement;
}

/**
 * "Plan batches together": the batches ticked in the list, a name for the new batch, and a button that merges them
 * (POST /batches/merge, one idempotency key per choice, so a double click merges once) and opens the new batch,
 * whose page follows its planning. Refusals (a trip under way, a person in two batches) come back worded.
 */
export function mergePanel(navigate: (path: string) => void): MergeSelection {
  const chosen = new Map<string, string>();
  let key = crypto.randomUUID();
  const list = h('p', { class: 'muted small', 'aria-live': 'polite', 'data-testid': 'merge-chosen' });
  const name = h('input', { type: 'text', name: 'mergeName', maxlength: '200', class: 'wide', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, t('mergeSubmit', { count: 0 }));
  const status = statusLine();

  const refresh = () => {
    list.textContent = chosen.size ? t('mergeChosen', { names: [...chosen.values()].join('、') }) : t('mergeNone');
    submit.textContent = t('mergeSubmit', { count: chosen.size });
    submit.disabled = chosen.size < 2 || !name.value.trim();
  };
  name.addEventListener('input', refresh);

  const form = h(
    'form',
    { class: 'panel merge-panel', 'aria-labelledby': 'merge-title', 'data-testid': 'merge-panel' },
    h('h2', { id: 'merge-title' }, t('mergeTitle')),
    h('p', { class: 'muted small' }, t('mergeHint')),
    list,
    field(t('mergeName'), name),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    status.clear();
    try {
      const batchName = name.value.trim();
      const r = await busy(submit, t('mergeSubmitting'), () =>
        getJson<{ id: string }>('/batches/merge', {
          method: 'POST',
          json: { name: batchName, batchIds: [...chosen.keys()] },
          headers: { 'idempotency-key': key },
        }),
      );
      rememberBatch({ id: r.id, name: batchName, at: new Date().toISOString() });
      navigate(`/batches/${r.id}`);
    } catch (err) {
      status.fail(errorBox(err));
      refresh();
    }
  });
  refresh();
  return {
    el: form,
    isChosen: (id) => chosen.has(id),
    toggle(b, on) {
      if (on) chosen.set(b.id, b.name);
      else chosen.delete(b.id);
      // Another choice is another merge: a new key, so that it is not answered as the one before.
      key = crypto.randomUUID();
      refresh();
    },
  };
}
