/** The policy year of an arrival: its calendar year in local time (UTC+`offsetMin`). */
export const policyYear = (arrivedAt: Date, offsetMin: number): number =>
  new Date(arrivedAt.getTime() + offsetMin * 60_000).getUTCFullYear();
