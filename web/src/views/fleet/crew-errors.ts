import { ApiError } from '../../lib/api';
import { errorHeadline } from '../../lib/error-words';
import { h } from '../../lib/dom';
import { currentLang, t, tOr } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import { errorBox } from '../../lib/widgets';

/**
 * Crew words that say more than the catalogue's for the same reason: a vehicle or driver of another county is
 * answered as missing, and a leg's number is the server's (from 0), not the one the dialog shows.
 */
function crewKey(e: ApiError): MessageKey | null {
  if (e.reason === 'leg_not_road') return 'crew_leg_not_road';
  if (e.reason === 'not_found' && (e.params.thing === 'vehicle' || e.params.thing === 'driver'))
    return 'crew_not_found';
  return null;
}

/** A crew refusal in the reader's language, from its reason (the crew's words, else the catalogue's). */
export function crewRefusalText(e: ApiError): string {
  const key = crewKey(e);
  if (!key) return errorHeadline(e);
  if (key === 'crew_leg_not_road') return t(key);
  const thing = tOr(`errorThing_${String(e.params.thing)}`, String(e.params.thing));
  // The thing mid-sentence is lower case in English ("No such driver in this trip's county").
  return t(key, { thing: currentLang() === 'en' ? thing.toLowerCase() : thing });
}

/** A crew refusal as a line for the leg's status, else (not an answer of the API) the generic error box. */
export function crewError(e: unknown): Node {
  if (!(e instanceof ApiError)) return errorBox(e);
  return h('span', { 'data-code': e.code, 'data-reason': e.reason }, crewRefusalText(e));
}
