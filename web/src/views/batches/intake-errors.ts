import { h } from '../../lib/dom';
import { placeName, t } from '../../lib/i18n';
import { zh, type MessageKey } from '../../lib/messages/zh';
import { countyName, factoryName } from '../../lib/place-names';
import type { PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import type { RowError } from '../../lib/types';

/**
 * Row errors of a batch intake and held workers' details, worded from the server's code and params in the
 * reader's language: instants in Beijing time with the year, counties and provinces by name. The server's
 * English sentence is shown only for a code this console does not know (a newer server).
 */

type Params = Readonly<Record<string, string | number>>;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const known = (key: string): key is MessageKey => key in zh;

/** A province's name, or the code while the reference data is not at hand. */
export const provinceName = (ix: PlaceIndex | undefined, code: string): string =>
  ix ? placeName(ix.province(code), code) : code;

/**
 * The params as the words show them: instants in Beijing time, place codes also as `county` / `province`, and
 * with the reference data at hand, factory ids and lists of county codes by name.
 */
export function wordParams(params: Params | undefined, ix?: PlaceIndex): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {}))
    out[k] = typeof v === 'string' && ISO_INSTANT.test(v) ? fullTime(v) : v;
  if (typeof params?.countyCode === 'string') out.county = ix ? countyName(ix, params.countyCode) : params.countyCode;
  if (typeof params?.provinceCode === 'string') out.province = provinceName(ix, params.provinceCode);
  if (!ix) return out;
  for (const k of ['factoryId', 'fromFactoryId'])
    if (typeof params?.[k] === 'string') out[k] = factoryName(ix, String(params[k]));
  if (typeof params?.counties === 'string')
    out.counties = params.counties
      .split(/,\s*/)
      .map((c) => countyName(ix, c))
      .join(', ');
  return out;
}

/** The problem of one row error in the reader's language (the server's message only for an unknown code). */
export function rowErrorText(e: RowError, ix?: PlaceIndex): string {
  const key = `intake_${e.code ?? ''}`;
  return e.code && known(key) ? t(key, wordParams(e.params, ix)) : e.message;
}

/** The column a row error names, in the reader's language (the raw name for a field this console does not know). */
export function fieldText(field: string): string {
  const key = `intakeField_${field === '(row)' ? 'row' : field === '(body)' ? 'body' : field}`;
  return known(key) ? t(key) : field;
}

/** Row errors as a table: row (the file's line, header = 1), column, problem; each row carries its code. */
export function intakeErrorTable(errors: readonly RowError[], ix?: PlaceIndex): HTMLTableElement {
  const th = (text: string, cls?: string) => h('th', { scope: 'col', class: cls ?? null }, text);
  return h(
    'table',
    { class: 'data errors', 'data-testid': 'row-errors' },
    h('thead', null, h('tr', null, th(t('row'), 'num'), th(t('fieldName')), th(t('problem')))),
    h(
      'tbody',
      null,
      errors.map((e) =>
        h(
          'tr',
          { 'data-code': e.code ?? null, 'data-field': e.field },
          h('td', { class: 'num' }, e.row || '—'),
          h('td', null, fieldText(e.field)),
          h('td', null, rowErrorText(e, ix)),
        ),
      ),
    ),
  );
}

/** Why a worker is held, in words with their facts (the server's reason only for a hold this console does not know). */
export function heldDetail(
  w: { code: string | null; params?: Params; reason: string | null },
  ix?: PlaceIndex,
): string {
  const code = (w.code ?? '').replace(/-/g, '_');
  const p = w.params ?? {};
  const key = code === 'already_planned' && !p.batchId ? 'heldWhy_already_planned_elsewhere' : `heldWhy_${code}`;
  if (!code || !known(key)) return w.reason ?? '';
  const place = (c: string | number | undefined) =>
    typeof c === 'string' ? provinceName(ix, c) : t('heldUnknownPlace');
  return t(key, {
    ...wordParams(p, ix),
    destination: place(p.destinationProvince),
    issuer: place(p.issuerProvince),
    at: typeof p.nucleicTestAt === 'string' ? fullTime(p.nucleicTestAt) : '—',
  });
}
