import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { rowErrorsBlock, rowErrorsOf } from '../batches/csv-preview';

/**
 * A refused "add workers" or "re-plan" as an alert in the reader's language: the sentence for the server's code,
 * a 422's row errors as the batch upload shows them, and the code and status small for whoever supports the user.
 */
export function planActionRefusal(err: unknown): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const rows = rowErrorsOf(err);
  const headline = e ? tOr(`planActionError_${e.code}`, t('planActionErrorOther')) : t('planActionErrorOther');
  return h(
    'div',
    { class: 'plan-action-refusal', 'data-code': e?.code ?? null },
    rows
      ? rowErrorsBlock(rows)
      : h('div', { class: 'error-box', role: 'alert' }, h('p', null, h('strong', null, headline))),
    e ? h('p', { class: 'muted small' }, t('planActionErrorCode', { code: e.code, status: e.status || '—' })) : null,
  );
}
