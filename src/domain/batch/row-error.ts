/** One problem in a submitted row, as every edge reports it. */
export interface RowError {
  /** 1-based data row (CSV: the line after the header is row 1; JSON: workers[0] is row 1); 0 for the whole body. */
  row: number;
  field: string;
  message: string;
}
