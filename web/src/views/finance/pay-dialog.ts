import { field, h, newId } from '../../lib/dom';
import { trapFocus } from '../../lib/focus-trap';
import { t } from '../../lib/i18n';
import { money } from '../../lib/money';
import { busy, errorBox, statusLine } from '../../lib/widgets';
import { refusalOf } from './flow-actions';

export interface PayDialogOptions {
  host: HTMLElement;
  /** Gets the focus back when the dialog closes, unless a payment redrew the page without it. */
  opener: HTMLElement;
  count: number;
  totalFen: number;
  /** Records the payment; an error is shown in the dialog, which stays open. */
  submit(paymentReference: string): Promise<void>;
  /** The flow refused the payment (the list changed meanwhile): the dialog closes and this says why. */
  onRefused(e: unknown): void;
}

/**
 * Confirms a payment: the total and count, and the payment's reference (required, 1–64 characters). A modal
 * dialog: the focus stays inside, Escape or Cancel closes it without paying.
 */
export function openPayDialog(o: PayDialogOptions): HTMLDialogElement {
  const titleId = newId('pay-title'),
    summaryId = newId('pay-summary');
  const input = h('input', {
    type: 'text',
    name: 'paymentReference',
    required: true,
    maxlength: '64',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const problem = statusLine();
  problem.id = newId('pay-problem');
  const confirm = h('button', { type: 'submit', class: 'primary' }, t('payDialogConfirm'));
  const cancel = h('button', { type: 'button' }, t('cancel'));
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: titleId }, t('payDialogTitle')),
    h(
      'p',
      { id: summaryId, class: 'pay-summary' },
      t('payDialogSummary', { count: o.count, total: money(o.totalFen) }),
    ),
    field(t('paymentReference'), input, t('paymentReferenceHint')),
    problem,
    h('div', { class: 'actions' }, confirm, cancel),
  );
  // The hint, then whatever went wrong, are read with the field.
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${problem.id}`.trim());
  const dialog = h(
    'dialog',
    { class: 'modal', 'aria-labelledby': titleId, 'aria-describedby': summaryId, 'data-testid': 'pay-dialog' },
    form,
  );
  const close = () => {
    dialog.close();
    dialog.remove();
    if (o.opener.isConnected) o.opener.focus();
  };
  // Escape: the browser's cancel, closed here so the dialog always leaves the page and the focus returns.
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  cancel.addEventListener('click', close);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ref = input.value.trim();
    if (!ref || ref.length > 64) {
      input.setAttribute('aria-invalid', 'true');
      problem.fail(t('paymentReferenceRequired'));
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    problem.clear();
    try {
      await busy(confirm, t('loading'), () => o.submit(ref));
      close();
    } catch (err) {
      if (!refusalOf(err)) return problem.fail(errorBox(err));
      close();
      o.onRefused(err);
    }
  });
  trapFocus(dialog);
  o.host.append(dialog);
  dialog.showModal();
  input.focus();
  return dialog;
}
