/** One group's total (a county of a subsidy list, an operator of a statement). */
export type GroupTotal = { code: string; name: string; rows: number; totalFen: number };
export type TableSummary = { rows: number; totalFen: number; groups: GroupTotal[] };

/** Per-group and grand totals, accumulated while streaming (one small map entry per group). */
export class Totals {
  private readonly groups = new Map<string, GroupTotal>();
  rows = 0;
  totalFen = 0;

  add(group: { code: string; name: string }, amountFen: number): void {
    let g = this.groups.get(group.code);
    if (!g) this.groups.set(group.code, (g = { code: group.code, name: group.name, rows: 0, totalFen: 0 }));
    g.rows++;
    g.totalFen += amountFen;
    this.rows++;
    this.totalFen += amountFen;
  }

  summary(): TableSummary {
    // Rows arrive ordered by group, so insertion order is the export's group order.
    return { rows: this.rows, totalFen: this.totalFen, groups: [...this.groups.values()].map((g) => ({ ...g })) };
  }
}
