import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import type { RowError } from '../../lib/types';

/** Labels of the registration's fields, for problems the server names by field. */
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'factoryName',
  countyCode: 'county',
  lon: 'lon',
  lat: 'lat',
  address: 'address',
  contact: 'contact',
  gate: 'gate',
};

/**
 * The registration policy's refusal (src/domain/reference/registration-policy.ts) carries no code of its own, only
 * "<km> km from the seat of <county>; at most <limit> km": read its numbers, so the words can be the reader's.
 */
const TOO_FAR = /^(\d+) km from the seat of (.+); at most (\d+) km$/;
const UNKNOWN_COUNTY = /^county (\d{6}) is unknown/;

export interface ErrorContext {
  /** The county the refused registration named, if any: its name in the reader's language. */
  countyCode?: string;
  countyLabel: (code: string) => string;
}

/** One row problem of a 422 in the console's words (the server's English when nothing better is known). */
export function problemText(e: RowError, c: ErrorContext): string {
  const far = TOO_FAR.exec(e.message);
  if (far) {
    const county = c.countyCode ? c.countyLabel(c.countyCode) : far[2];
    return t('factoryTooFar', { km: far[1], county, limit: far[3] });
  }
  const unknown = UNKNOWN_COUNTY.exec(e.message);
  if (unknown) return t('factoryCountyUnknown', { code: unknown[1] });
  const label = FIELD_LABEL[e.field];
  return t('factoryFieldInvalid', { field: label ? t(label) : e.field, message: e.message });
}

const rowErrors = (d: unknown): RowError[] =>
  Array.isArray(d) ? d.filter((x): x is RowError => !!x && typeof x === 'object' && 'message' in x) : [];

/** The fields a 422 names (to mark those controls invalid). */
export const refusedFields = (err: unknown): string[] =>
  err instanceof ApiError && err.status === 422 ? rowErrors(err.details).map((e) => e.field) : [];

/**
 * A refused registration or edit as an alert: the API's code translated (`error_<code>`, as hold codes are), each
 * problem of a 422 in words, and the status and code small for whoever supports the user.
 */
export function factoryErrorBox(err: unknown, c: ErrorContext): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const problems = e?.status === 422 ? rowErrors(e.details) : [];
  const headline = e ? tOr(`error_${e.code}`, e.message) : err instanceof Error ? err.message : String(err);
  return h(
    'div',
    { class: 'error-box factory-error', role: 'alert' },
    h('p', null, h('strong', null, headline)),
    problems.length
      ? h(
          'ul',
          null,
          problems.map((p) => h('li', null, problemText(p, c))),
        )
      : null,
    e ? h('p', { class: 'small muted' }, `HTTP ${e.status || '—'} · ${e.code}`) : null,
  );
}
