import type { ListRow } from '../db/subsidy-list-cursor';
import type { CountyTotal, ExportSummary } from './list-format';

/** Per-county and grand totals, accumulated while streaming (one small map entry per county). */
export class Totals {
  private readonly counties = new Map<string, CountyTotal>();
  rows = 0;
  totalFen = 0;

  add(r: ListRow): void {
    let c = this.counties.get(r.county_code);
    if (!c)
      this.counties.set(
        r.county_code,
        (c = { countyCode: r.county_code, countyName: r.county_name, rows: 0, totalFen: 0 }),
      );
    c.rows++;
    c.totalFen += r.amount_fen;
    this.rows++;
    this.totalFen += r.amount_fen;
  }

  summary(): ExportSummary {
    // Rows arrive ordered by county code, so insertion order is county-code order.
    return { rows: this.rows, totalFen: this.totalFen, byCounty: [...this.counties.values()].map((c) => ({ ...c })) };
  }
}
