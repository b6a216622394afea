/**
 * The policy year of a subsidy: the local calendar year (UTC+`offsetMin`) of the trip's departure. Never of a
 * typed arrival time, so a late or mistyped arrival date cannot move a trip into a second policy year.
 */
export const policyYear = (tripDepartAt: Date, offsetMin: number): number =>
  new Date(tripDepartAt.getTime() + offsetMin * 60_000).getUTCFullYear();
