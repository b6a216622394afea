import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { errorHeadline } from '../../lib/error-words';
import { t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import type { PlaceIndex } from '../../lib/places';
import type { Places, RowError } from '../../lib/types';

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
 * The registration policy's row problem (src/domain/reference/registration-policy.ts) carries its numbers only in
 * "<km> km from the seat of <county>; at most <limit> km" (the reason `factory_too_far` names the county alone):
 * read them, so the row can say how far in the reader's words.
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
  if (unknown) return t('errorReason_county_unknown', { countyCode: unknown[1] });
  const label = FIELD_LABEL[e.field];
  return t('factoryFieldInvalid', { field: label ? t(label) : e.field, message: e.message });
}

const rowErrors = (d: unknown): RowError[] =>
  Array.isArray(d) ? d.filter((x): x is RowError => !!x && typeof x === 'object' && 'message' in x) : [];

/** The fields a 422 names (to mark those controls invalid). */
export const refusedFields = (err: unknown): string[] =>
  err instanceof ApiError && err.status === 422 ? rowErrors(err.details).map((e) => e.field) : [];

/**
 * The headline of a refused registration or edit: the catalogue's words for its reason (a county forbidden to
 * this key, a county unknown, a point too far; finance keys editing nothing), else its code's, with the county
 * named as the form names it.
 */
export function factoryHeadline(err: unknown, c: ErrorContext): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  return errorHeadline(err, countyIndex(c));
}

/** The form's county names as a place index: the catalogue's words then name a county as the form does. */
const countyIndex = (c: ErrorContext): PlaceIndex => ({
  county: (code) => {
    const name = c.countyLabel(code);
    return { code, name, nameEn: name } as Places['counties'][number];
  },
  factory: () => undefined,
  hub: () => undefined,
  province: () => undefined,
});

/**
 * A refused registration or edit as an alert: the headline by the API's reason, each problem of a 422 in words
 * (by field; a problem the headline already says is not repeated), and the status and code small for whoever
 * supports the user.
 */
export function factoryErrorBox(err: unknown, c: ErrorContext): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const headline = factoryHeadline(err, c);
  const problems = (e?.status === 422 ? rowErrors(e.details) : []).map((p) => problemText(p, c));
  const more = problems.filter((p) => p !== headline);
  return h(
    'div',
    { class: 'error-box factory-error', role: 'alert', 'data-reason': e?.reason ?? null },
    h('p', null, h('strong', null, headline)),
    more.length
      ? h(
          'ul',
          null,
          more.map((p) => h('li', null, p)),
        )
      : null,
    e
      ? h('p', { class: 'small muted' }, `HTTP ${e.status || '—'} · ${[e.code, e.reason].filter(Boolean).join(' / ')}`)
      : null,
  );
}
