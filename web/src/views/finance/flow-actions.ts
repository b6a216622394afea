import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages/zh';
import { fullTime } from '../../lib/time';
import type { FlowAction, FlowRefusal, SubsidyList } from '../../lib/types';

/**
 * The list's buttons come from the server's `actions` only (the same rule that refuses a step), so a button
 * shown can succeed; a step the status allows but the caller may not take is shown as its reason instead.
 */
export const STEPS: readonly FlowAction[] = ['publish', 'approve', 'pay', 'withdraw'];

const CAN: Record<FlowAction, keyof SubsidyList['actions']> = {
  publish: 'canPublish',
  approve: 'canApprove',
  pay: 'canPay',
  withdraw: 'canWithdraw',
};

export const allowed = (list: SubsidyList, a: FlowAction): boolean => list.actions[CAN[a]] === true;

/** The reason in full, in the console's language (the API's English message when the code is new to it). */
export const refusalText = (r: FlowRefusal): string =>
  tOr(`why_${r.code}`, r.message).replace('{date}', r.until ? fullTime(r.until) : '');

/** Every refusal code (the compiler checks none is missing), each with its words in finance-zh/en. */
const FLOW_CODES: Record<FlowRefusal['code'], true> = {
  wrong_status: true,
  maker_cannot_approve: true,
  notice_running: true,
  payer_is_approver: true,
};

/** The flow's refusal an API error carries (a step tried after the list changed), or null for any other error. */
export function refusalOf(e: unknown): FlowRefusal | null {
  if (!(e instanceof ApiError) || !(e.code in FLOW_CODES)) return null;
  const until = (e.details as { until?: unknown } | null)?.until;
  return { code: e.code as FlowRefusal['code'], message: e.message, ...(typeof until === 'string' ? { until } : {}) };
}

/** The reason in a few words, for a table cell. */
const refusalShort = (r: FlowRefusal): string =>
  tOr(`whyShort_${r.code}`, r.message).replace('{date}', r.until ? fullTime(r.until) : '');

/** The steps that move the list on (withdrawing is always there for a draft or published one) the caller may take. */
export const nextSteps = (list: SubsidyList): FlowAction[] => STEPS.filter((a) => allowed(list, a) && a !== 'withdraw');

/** "You can": the steps the caller may take now, else why not, else nothing. */
export function nextStepText(list: SubsidyList): string {
  const can = nextSteps(list);
  if (can.length) return can.map((a) => t(`action_${a}` as MessageKey)).join(' · ');
  const why = Object.values(list.actions.why ?? {}).filter((r): r is FlowRefusal => !!r);
  return why.length ? why.map(refusalShort).join(' · ') : t('listsNothingToDo');
}

/** One button per step the caller may take, and a note per step refused to them. */
export function stepControls(list: SubsidyList, onStep: (a: FlowAction, b: HTMLButtonElement) => void) {
  const buttons = STEPS.filter((a) => allowed(list, a)).map((a) => {
    const b = h(
      'button',
      { type: 'button', class: a === 'withdraw' ? 'danger' : 'primary', 'data-action': a },
      t(`action_${a}` as MessageKey),
    );
    b.addEventListener('click', () => onStep(a, b));
    return b;
  });
  const reasons = STEPS.flatMap((a) => {
    const r = list.actions.why?.[a];
    return r
      ? [
          h(
            'p',
            { class: 'refusal', 'data-refused': a, 'data-code': r.code },
            h('span', { class: 'refusal-step' }, t(`action_${a}` as MessageKey)),
            ' ',
            refusalText(r),
          ),
        ]
      : [];
  });
  return { buttons, reasons };
}
