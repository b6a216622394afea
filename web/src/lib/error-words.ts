import { rowErrorText, wordParams } from '../views/batches/intake-errors';
import type { ApiError } from './api';
import { t, tOr } from './i18n';
import { zh, type MessageKey } from './messages/zh';
import type { PlaceIndex } from './places';
import type { RowError } from './types';

/**
 * An API error in the reader's language, from its stable reason (else its code) and params: instants in Beijing
 * time with the year, counties by name where the reference data is at hand, statuses, roles and things by their
 * words. The server's English sentence is shown only for a reason and code this console does not know.
 */

type Params = Readonly<Record<string, string | number>>;
const known = (key: string): key is MessageKey => key in zh;

/** The status word of the record a reason concerns: a trip, a finance list, or a batch. */
const STATUS_KEYS: Record<string, string> = { trip_departed: 'tripStatus_', wrong_status: 'listStatus_' };

function words(reason: string, params: Params, ix?: PlaceIndex): Record<string, string | number> {
  const out = wordParams(params, ix);
  const str = (k: string) => (typeof params[k] === 'string' ? String(params[k]) : null);
  const status = str('status');
  if (status) out.status = tOr(`${STATUS_KEYS[reason] ?? 'status_'}${status}`, status);
  const role = str('role');
  if (role) out.role = tOr(`role_${role}`, role);
  const thing = str('thing');
  if (thing) {
    const named = tOr(`errorThing_${thing.replace(/ /g, '_')}`, thing);
    // A thing mid-sentence is lower case in English ("cannot approve a subsidy list").
    out.thing = reason === 'not_found' ? named : named.toLowerCase();
  }
  const action = str('action');
  if (action) out.action = tOr(`errorAction_${action}`, action);
  return out;
}

/** The headline of an API error: its reason's words, else its code's, else the server's message. */
export function errorHeadline(e: Pick<ApiError, 'reason' | 'params' | 'code' | 'message'>, ix?: PlaceIndex): string {
  const reasonKey = `errorReason_${e.reason ?? ''}`;
  if (e.reason && known(reasonKey)) return t(reasonKey, words(e.reason, e.params ?? {}, ix));
  const codeKey = `errorCode_${e.code}`;
  return known(codeKey) ? t(codeKey) : e.message;
}

/** The problem of one row error: an intake code, another row code, else the server's message. */
export function rowProblem(e: RowError, ix?: PlaceIndex): string {
  if (!e.code) return e.message;
  if (known(`intake_${e.code}`)) return rowErrorText(e, ix);
  const key = `rowCode_${e.code}`;
  return known(key) ? t(key, wordParams(e.params, ix)) : e.message;
}
