import type { IntakeRowCode, IntakeRowParams } from './intake-code';

/** One problem in a submitted row, as every edge reports it. */
export interface RowError {
  /**
   * The row it concerns, 0 for the whole body. A batch intake's CSV: the row's line as a spreadsheet shows it
   * (the header is line 1, so the first worker is row 2); JSON and other bodies: 1-based item (workers[0] is 1).
   */
  row: number;
  field: string;
  message: string;
  /** Stable code of the problem (always set by batch intake; see IntakeRowCode). */
  code?: string;
  /** What the code's words are filled with. */
  params?: IntakeRowParams;
}

/** A row error of batch intake: always coded. */
export interface IntakeRowError extends RowError {
  code: IntakeRowCode;
  params: IntakeRowParams;
}
