import { ApiError } from '../../lib/api';
import { h } from '../../lib/dom';
import { errorHeadline } from '../../lib/error-words';
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

/** A flow refusal in the catalogue's words (a refusal this list view has no words of its own for). */
const catalogueText = (r: FlowRefusal): string =>
  errorHeadline({ reason: r.code, code: r.code, message: r.message, params: r.until ? { until: r.until } : {} });

/** The reason in full, in the list view's words (the catalogue's when the reason is new to it). */
export const refusalText = (r: FlowRefusal): string =>
  tOr(`why_${r.code}`, catalogueText(r)).replace('{date}', r.until ? fullTime(r.until) : '');

/** Every refusal reason of the flow (the compiler checks none is missing), each with its words in finance-zh/en. */
const FLOW_REASONS: Record<FlowRefusal['code'], true> = {
  wrong_status: true,
  maker_cannot_approve: true,
  notice_running: true,
  payer_is_approver: true,
};
const isFlowReason = (r: string | null): r is FlowRefusal['code'] => !!r && r in FLOW_REASONS;

/**
 * The flow's refusal an API error carries (a step tried after the list changed), told by its reason, not its
 * code: null for any other error, which the general error words then say.
 */
export function refusalOf(e: unknown): FlowRefusal | null {
  if (!(e instanceof ApiError) || !isFlowReason(e.reason)) return null;
  const until = e.params.until ?? (e.details as { until?: unknown } | null)?.until;
  return { code: e.reason, message: e.message, ...(typeof until === 'string' ? { until } : {}) };
}

/** The reason in a few words, for a table cell. */
const refusalShort = (r: FlowRefusal): string =>
  tOr(`whyShort_${r.code}`, catalogueText(r)).replace('{date}', r.until ? fullTime(r.until) : '');

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
