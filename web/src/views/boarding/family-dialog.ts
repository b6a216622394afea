import { h, newId } from '../../lib/dom';
import { trapFocus } from '../../lib/focus-trap';
import { t } from '../../lib/i18n';
import type { BoardingCheck } from '../../lib/types';

export type FamilyDecision = NonNullable<BoardingCheck['familyDecision']>;

/**
 * Asks what happens to the family of someone who failed the check: a modal <dialog> (focus stays in it, Esc
 * cancels). The family staying off together is the default, focused first; null when the dispatcher cancels,
 * and then nothing is sent.
 */
export function askFamily(name: string, reasons: string, others: string[]): Promise<FamilyDecision | null> {
  const title = newId('family-title');
  const choice = (decision: FamilyDecision, label: string, hint: string, cls: string) =>
    h(
      'button',
      { type: 'submit', value: decision, class: `choice ${cls}`, autofocus: decision === 'hold-family' },
      h('span', { class: 'choice-label' }, label),
      h('span', { class: 'choice-hint' }, hint),
    );
  const dialog = h(
    'dialog',
    { class: 'family-dialog', 'aria-labelledby': title, 'data-testid': 'family-dialog' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: title }, t('boardingDialogTitle', { name })),
      h('p', null, t('boardingDialogReason', { reasons })),
      h('p', null, t('boardingDialogFamily', { names: others.join(t('boardingReasonJoin')) })),
      h(
        'div',
        { class: 'choices' },
        choice('hold-family', t('boardingHoldFamily'), t('boardingHoldFamilyHint'), 'primary'),
        choice('others-travel', t('boardingOthersTravel'), t('boardingOthersTravelHint'), ''),
        h('button', { type: 'submit', value: 'cancel', class: 'choice cancel' }, t('boardingCancel')),
      ),
    ),
  );
  trapFocus(dialog);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const v = dialog.returnValue;
      dialog.remove();
      resolve(v === 'hold-family' || v === 'others-travel' ? v : null);
    });
    dialog.showModal();
  });
}
