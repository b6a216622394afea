import { ApiError } from './api';
import { h, s, type Child } from './dom';
import { errorHeadline, rowProblem } from './error-words';
import { t, tOr } from './i18n';
import type { PlaceIndex } from './places';
import type { RowError } from './types';

/** A page heading block. */
export const pageHeader = (title: string, ...extra: Child[]): HTMLElement =>
  h('header', { class: 'page-header' }, h('h1', null, title), ...extra);

/** A live region for outcomes of actions: polite for success, assertive (role=alert) for failures. */
export function statusLine(): HTMLParagraphElement & {
  ok(msg: string): void;
  fail(msg: string | Node): void;
  clear(): void;
} {
  const p = h('p', { class: 'status-line', 'aria-live': 'polite' }) as HTMLParagraphElement & {
    ok(msg: string): void;
    fail(msg: string | Node): void;
    clear(): void;
  };
  p.ok = (msg) => {
    p.className = 'status-line ok';
    p.removeAttribute('role');
    p.replaceChildren(msg);
  };
  p.fail = (msg) => {
    p.className = 'status-line bad';
    p.setAttribute('role', 'alert');
    p.replaceChildren(msg);
  };
  p.clear = () => {
    p.className = 'status-line';
    p.replaceChildren();
  };
  return p;
}

const isRowErrors = (d: unknown): d is RowError[] =>
  Array.isArray(d) && d.every((x) => x && typeof x === 'object' && 'message' in x);

/** A table of row/field/problem rows (CSV validation, arrivals, …), worded from each row's code when it has one. */
export function rowErrorTable(errors: RowError[], caption?: string, ix?: PlaceIndex): HTMLTableElement {
  return h(
    'table',
    { class: 'data errors' },
    caption ? h('caption', null, caption) : null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'num' }, t('row')),
        h('th', { scope: 'col' }, t('fieldName')),
        h('th', { scope: 'col' }, t('problem')),
      ),
    ),
    h(
      'tbody',
      null,
      errors.map((e) =>
        h(
          'tr',
          { 'data-code': e.code ?? null },
          h('td', { class: 'num' }, e.row || '—'),
          h('td', null, e.field ? tOr(`intakeField_${e.field}`, e.field) : '—'),
          h('td', null, rowProblem(e, ix)),
        ),
      ),
    ),
  );
}

/**
 * An error as a block: the headline in the reader's language (from the API's reason, else its code), the code
 * small for support, plus the API's row details or other details when there are any.
 */
export function errorBox(err: unknown, ix?: PlaceIndex): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const message = e ? errorHeadline(e, ix) : err instanceof Error ? err.message : String(err);
  const details = e?.details;
  let more: Child = null;
  if (isRowErrors(details) && details.length) more = rowErrorTable(details, undefined, ix);
  else if (details && typeof details === 'object') {
    more = h(
      'ul',
      { class: 'details' },
      Object.entries(details as Record<string, unknown>).map(([k, v]) =>
        h('li', null, h('code', null, k), ': ', Array.isArray(v) ? v.join(', ') : String(v)),
      ),
    );
  }
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', null, h('strong', null, `${t('error')}: `), message),
    e
      ? h(
          'p',
          { class: 'error-code', 'data-reason': e.reason ?? null },
          h(
            'small',
            null,
            `${t('errorSupportCode')}: `,
            h('code', null, [e.code, e.reason].filter(Boolean).join(' / ')),
          ),
        )
      : null,
    more,
  );
}

export const loadingLine = (): HTMLElement => h('p', { class: 'loading', role: 'status' }, t('loading'));

export type Tone = 'neutral' | 'ok' | 'warn' | 'bad' | 'bus' | 'train' | 'flight' | 'info';
export const badge = (text: string, tone: Tone = 'neutral'): HTMLElement => h('span', { class: `badge ${tone}` }, text);

export const modeBadge = (mode: string): HTMLElement =>
  badge(tOr(`mode_${mode}`, mode), (['bus', 'train', 'flight'].includes(mode) ? mode : 'neutral') as Tone);

/** A summary card: label, big value, small note. */
export const card = (label: string, value: Child, note?: Child, extraClass = ''): HTMLElement =>
  h(
    'section',
    { class: `card ${extraClass}` },
    h('h3', null, label),
    h('p', { class: 'value' }, value),
    note ? h('p', { class: 'note' }, note) : null,
  );

/** A table with a caption and column headers; rows are built by the caller. */
export function table(
  caption: string | null,
  headers: (string | [string, string])[],
  rows: Child[],
  cls = '',
): HTMLTableElement {
  return h(
    'table',
    { class: `data ${cls}` },
    caption ? h('caption', null, caption) : null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((x) =>
          Array.isArray(x) ? h('th', { scope: 'col', class: x[1] }, x[0]) : h('th', { scope: 'col' }, x),
        ),
      ),
    ),
    h('tbody', null, rows),
  );
}

/** Disables a button while an async action runs, restoring its label afterwards. */
export async function busy<T>(button: HTMLButtonElement, label: string, run: () => Promise<T>): Promise<T> {
  const before = [...button.childNodes];
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await run();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.replaceChildren(...before);
  }
}

/** A small padlock (inline SVG, so it renders without an emoji font). */
export const lockIcon = (): SVGSVGElement =>
  s(
    'svg',
    { viewBox: '0 0 16 16', class: 'icon', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: 'M4.5 7V5a3.5 3.5 0 0 1 7 0v2H13v8H3V7h1.5zm2 0h3V5a1.5 1.5 0 0 0-3 0v2z' }),
  );
