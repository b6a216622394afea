/**
 * Finance export of one subsidy list as CSV or XLSX, streamed with constant memory.
 *
 * Rows are read through a server-side cursor (db/subsidy-list-cursor: DECLARE ... CURSOR / FETCH inside a
 * read-only, repeatable-read transaction on one pooled connection), so at most two fetches (5,000 rows each by
 * default: the one being written and the next one, requested ahead) are in memory, and the rows,
 * the per-county totals and the grand total all come from the same snapshot. Output is written with
 * backpressure: the reader waits while `out` (or the XLSX compressor in front of it) is full. Arrival
 * times are local at the `utcOffsetMin` of the options (the planner config's).
 *
 * Contract with `out`:
 * - if the list does not exist (or the XLSX would be too large), the error is thrown before
 *   anything is written and `out` is left untouched, so an HTTP handler can still answer 404/422;
 * - on success `out` is ended;
 * - on any later failure (database, or `out` closing early) `out` is destroyed with the error, so a
 *   truncated file never looks complete (and the totals rows at the end are missing).
 *
 * This is the one place where full ID numbers, phone numbers and payee account numbers leave the system.
 * Every cell goes through safeCell: text that a spreadsheet would evaluate (= + - @ ...) gets an
 * apostrophe prefix, in CSV and XLSX alike (XLSX cells are also always written as typed strings
 * or numbers, never as formulas).
 */
export * from './list-format';
export { streamSubsidyListCsv } from './subsidy-csv';
export { streamSubsidyListXlsx } from './subsidy-xlsx';
