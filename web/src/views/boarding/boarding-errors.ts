import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { errorHeadline } from '../../lib/error-words';
import { t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import type { RowError } from '../../lib/types';
import { BOARDING_ERROR_CODES, BOARDING_FIELDS, BOARDING_REASON_WORDS } from './error-codes';

const known = (list: readonly string[], v: string): boolean => list.includes(v);

const rowErrors = (d: unknown): RowError[] =>
  Array.isArray(d) ? d.filter((x): x is RowError => !!x && typeof x === 'object' && 'row' in x) : [];

/** One problem of a refused request, named by the passenger of its check (`sent[row - 1]`). */
function problemText(e: RowError, sent: string[], nameOf: (workerId: string) => string): string {
  const who = e.row > 0 ? sent[e.row - 1] : undefined;
  const field = known(BOARDING_FIELDS, e.field) ? t(`boardingField_${e.field}` as MessageKey) : e.field;
  if (who && e.field === 'workerId') return t('boardingRowNotAboard', { name: nameOf(who) });
  if (who) return t('boardingRowInvalid', { name: nameOf(who), field });
  return t('boardingRowGeneral', { row: e.row, field });
}

/**
 * The headline of a refused boarding request: boarding's sentence for its reason, else the catalogue's words
 * for the reason; boarding's sentence for its code only when it carries no reason (the console's `network`).
 */
export function boardingHeadline(err: unknown): string {
  if (!(err instanceof ApiError)) return t('boardingErrorOther');
  const own = err.reason ? BOARDING_REASON_WORDS[err.reason as keyof typeof BOARDING_REASON_WORDS] : undefined;
  if (own) return t(`boardingError_${own}` as MessageKey);
  if (err.reason) return errorHeadline(err);
  return known(BOARDING_ERROR_CODES, err.code) ? t(`boardingError_${err.code}` as MessageKey) : t('boardingErrorOther');
}

/**
 * A refused boarding request as an alert, in the reader's language: the headline by the error's reason, each row
 * problem by passenger, and the code and status small for whoever supports the dispatcher.
 */
export function boardingRefusal(err: unknown, sent: string[], nameOf: (workerId: string) => string): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const headline = boardingHeadline(err);
  const problems = e?.status === 422 ? rowErrors(e.details) : [];
  return h(
    'div',
    {
      class: 'error-box boarding-refusal',
      role: 'alert',
      'data-code': e?.code ?? null,
      'data-reason': e?.reason ?? null,
    },
    h('p', null, h('strong', null, headline)),
    problems.length
      ? h(
          'ul',
          null,
          problems.map((p) => h('li', null, problemText(p, sent, nameOf))),
        )
      : null,
    e ? h('p', { class: 'muted small' }, t('boardingErrorCode', { code: e.code, status: e.status })) : null,
  );
}
