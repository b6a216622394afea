import { parse } from 'csv-parse/sync';
import { BadRequestError } from '../errors';

/**
 * CSV columns of an offer import and the fields they fill (the JSON import's names are accepted too, in any
 * case: `departsAt` as well as `departs_at`).
 */
const COLUMNS: Record<string, string> = {
  service: 'service',
  kind: 'kind',
  from: 'fromHub',
  fromhub: 'fromHub',
  to: 'toHub',
  tohub: 'toHub',
  departsat: 'departsAt',
  arrivesat: 'arrivesAt',
  seats: 'seats',
  cars: 'cars',
  pricefen: 'priceFen',
  priceyuan: 'priceYuan',
  equipment: 'equipment',
  aircraft: 'equipment',
  formation: 'equipment',
  validuntil: 'validUntil',
};
const REQUIRED = ['service', 'kind', 'fromHub', 'toHub', 'departsAt', 'arrivesAt', 'seats'];

const fieldOf = (raw: string) =>
  COLUMNS[
    raw
      .trim()
      .toLowerCase()
      .replace(/[_\s-]/g, '')
  ];

/**
 * CSV text → one record per data row keyed by field name, with the file line each row ends on (the header
 * is line 1), so row errors name the line to fix. Empty cells are left out. Structural problems (unreadable
 * CSV, unknown or missing columns, too many rows) are a 400.
 */
export function parseOfferCsv(text: string, maxRows: number): { rows: Record<string, string>[]; lines: number[] } {
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (h: string[]) => (header = h).map((c) => fieldOf(c) ?? c),
      skip_empty_lines: true,
      trim: true,
      info: true,
      to_line: maxRows + 2,
    });
  } catch (e) {
    throw new BadRequestError(`CSV could not be read: ${(e as Error).message}`).because('csv_unreadable', {
      detail: (e as Error).message,
    });
  }
  const unknown = header.filter((c) => !fieldOf(c));
  if (unknown.length)
    throw new BadRequestError(`CSV has unknown columns: ${unknown.join(', ')}`, {
      unknown,
      known: [...new Set(Object.keys(COLUMNS))],
    }).because('csv_unknown_columns', { columns: unknown.join(', ') });
  const twice = header.filter((c, i) => header.findIndex((d) => fieldOf(d) === fieldOf(c)) !== i);
  if (twice.length)
    throw new BadRequestError(`CSV gives a field twice: ${twice.join(', ')}`).because('csv_field_twice', {
      columns: twice.join(', '),
    });
  const fields = new Set(header.map(fieldOf));
  const missing = REQUIRED.filter((f) => !fields.has(f));
  if (!fields.has('priceFen') && !fields.has('priceYuan')) missing.push('price_fen or price_yuan');
  if (header.length && missing.length)
    throw new BadRequestError(`CSV is missing columns: ${missing.join(', ')}`).because('csv_missing_columns', {
      columns: missing.join(', '),
    });
  if (records.length > maxRows)
    throw new BadRequestError(`an import holds at most ${maxRows} offers`).because('csv_too_many_rows', {
      max: maxRows,
    });
  return {
    rows: records.map(({ record }) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''))),
    lines: records.map(({ info }) => info.lines),
  };
}
