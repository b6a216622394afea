import type { planActionsZh } from './plan-actions-zh';

/** The plan page's "add workers" and "re-plan" words, in English, key for key. */
export const planActionsEn: Record<keyof typeof planActionsZh, string> = {
  planActionsTitle: 'Change the plan',
  addWorkersTitle: 'Add workers',
  addWorkersHelp:
    'Upload a CSV in the batch format; each newcomer takes a free seat on a suitable trip, else a new trip. ' +
    'Nobody already planned is moved.',
  addWorkersSubmit: 'Add to the plan',
  addWorkersSubmitting: 'Adding…',
  addWorkersDone: 'Workers added: {added} ({seated} seated on trips, {held} held).',
  addWorkersResultTitle: 'Where the new workers went',
  addWorkersRow: 'Row',
  addWorkersName: 'Name',
  addWorkersWhere: 'Placed',
  addWorkersOnTrip: 'Trip {trip}',
  addWorkersHeld: 'Held: {reason}',
  addWorkersUnknown: 'Not found in the plan',
  replanTitle: 'Re-plan',
  replanHelp:
    'Plans again every trip not locked, boarding or departed; locked, boarding and departed trips stay as they are.',
  replanButton: 'Re-plan…',
  replanDialogTitle: 'Re-plan the batch?',
  replanDialogKept: 'Trips kept as they are (locked, boarding or departed): {kept}.',
  replanDialogOthers: 'Trips planned again, with their passengers: {others}.',
  replanDialogNone: 'Nothing to re-plan: every trip ({kept}) is locked, boarding or departed.',
  replanConfirm: 'Re-plan',
  replanRunning: 'Re-planning…',
  replanDone: 'Re-planned: {replanned} trips; kept as they were: {kept}.',
  replanResultTitle: 'What the re-plan changed',
  replanTrips: 'Trips: {before} → {after}',
  replanCost: 'Total cost: {before} → {after} ({delta})',
  planActionError_validation_failed: 'Not saved: the server found these problems.',
  planActionError_conflict:
    'Not possible now: the batch is not planned yet, or someone has just changed the plan. Reload and try again.',
  planActionError_rule_violated: 'Refused: this would break a planning rule.',
  planActionError_not_found: 'There is no such batch, or your key may not see it.',
  planActionError_forbidden: 'Your key may not change this batch.',
  planActionError_bad_request: 'The request was not understood: upload a CSV file.',
  planActionError_unsupported_media_type: 'The request was not understood: upload a CSV file.',
  planActionError_unauthorized: 'The key is invalid, revoked or expired.',
  planActionError_unavailable: 'The service is unavailable for a moment: try again shortly.',
  planActionError_network: 'The server could not be reached: try again shortly.',
  planActionErrorOther: 'The server refused this.',
  planActionErrorCode: 'code {code} · HTTP {status}',
};
