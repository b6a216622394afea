import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import { errorBox } from '../../lib/widgets';

const CODES = ['vehicle_too_small', 'driver_busy', 'vehicle_busy', 'leg_not_road', 'not_found'];

/** A crew refusal in the console's language (its code and details), else the generic error box. */
export function crewError(e: unknown): Node {
  if (!(e instanceof ApiError) || !CODES.includes(e.code)) return errorBox(e);
  const d = (e.details ?? {}) as Record<string, string | number>;
  return h('span', { 'data-code': e.code }, t(`crew_${e.code}` as MessageKey, d));
}
