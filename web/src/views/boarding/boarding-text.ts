import { t } from '../../lib/i18n';
import type { HealthCode } from '../../lib/types';
import { fullTime } from '../../lib/time';
import type { DoorCheck, Failure } from './boarding-model';

/** The console's words for the door's checks: built from the values, never from the server's English reason. */
export const codeText = (c: HealthCode): string => t(`boardingCode_${c}`);

export function failureText(f: Failure): string {
  if (f.kind === 'fever') return t('boardingFail_fever', { t: f.t.toFixed(1) });
  if (f.kind === 'noMask') return t('boardingFail_noMask');
  return t('boardingFail_code', { colour: codeText(f.colour) });
}

export const failuresText = (fs: Failure[]): string => fs.map(failureText).join(t('boardingReasonJoin'));

/** "36.6 °C · Worn · Green · 2020-03-02 06:12" */
export const checkFacts = (c: DoorCheck & { checkedAt: string }): string =>
  t('boardingFacts', {
    t: c.temperatureC.toFixed(1),
    mask: t(c.mask ? 'boardingMaskYes' : 'boardingMaskNo'),
    code: codeText(c.codeColour),
    time: fullTime(c.checkedAt),
  });

/** Names joined in the reader's language (、 or , ). */
export const namesText = (names: string[]): string => names.join(t('boardingReasonJoin'));
