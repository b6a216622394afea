import { stringify } from 'csv-stringify/sync';
import type { NoticeView } from '../contracts/pickup-notices';
import { safeCell } from './csv-safe';

/**
 * Pick-up notices for a county's SMS platform: UTF-8 with BOM (Excel and WPS read it as UTF-8), CRLF, a header of
 * the platform's usual field names, one row per passenger. Every cell goes through safeCell, so a name or text that
 * a spreadsheet would evaluate (= + - @ …) is prefixed with an apostrophe.
 */
export const NOTICE_CSV_HEADER = ['phone', 'name', 'text'] as const;

export const noticeCsv = (notices: readonly Pick<NoticeView, 'phone' | 'name' | 'text'>[]): string =>
  '\uFEFF' +
  stringify([[...NOTICE_CSV_HEADER], ...notices.map((n) => [n.phone, n.name, n.text].map(safeCell))], {
    record_delimiter: 'windows',
  });
