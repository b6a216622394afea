import { getJson } from '../../lib/api';
import { fill, h, newId } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { money } from '../../lib/money';
import type { Plan, Trip } from '../../lib/types';
import { busy, statusLine } from '../../lib/widgets';
import type { PlanEditAnswer } from '../../../../src/contracts/plan-view';
import { planActionRefusal } from './action-errors';

/** Trips a re-plan leaves alone (the server's rule): locked by a dispatcher, boarding, departed or arrived. */
export const keptByReplan = (trip: Pick<Trip, 'locked' | 'status'>): boolean =>
  trip.locked || trip.status !== 'planned';

const signedMoney = (fen: number): string => (fen > 0 ? `+${money(fen)}` : fen < 0 ? `−${money(-fen)}` : money(0));

export interface ReplanOptions {
  /** The plan on screen now (counted for the dialog, compared with the answer). */
  current(): Plan;
  onPlan(next: Plan, message: string): void;
}

/**
 * "Re-plan": a button, a modal dialog saying how many trips are kept (locked, boarding, departed) and that the
 * others are planned again, then `PATCH /batches/:id/plan {op:"replan"}`; shows trips and cost before and after.
 */
export function replanPanel(o: ReplanOptions): HTMLElement {
  const button = h('button', { type: 'button', 'data-testid': 'replan-open' }, t('replanButton'));
  const status = statusLine();
  const result = h('div', { class: 'replan-result', 'data-testid': 'replan-result' });
  const section = h(
    'section',
    { class: 'plan-action replan', 'aria-labelledby': 'replan-title', 'data-testid': 'replan' },
    h('h3', { id: 'replan-title' }, t('replanTitle')),
    h('p', { class: 'hint' }, t('replanHelp')),
    h('div', { class: 'actions' }, button),
    status,
    result,
  );

  async function run(before: Plan, confirm: HTMLButtonElement): Promise<void> {
    const answer = await busy(confirm, t('replanRunning'), () =>
      getJson<PlanEditAnswer>(`/batches/${before.batchId}/plan`, { method: 'PATCH', json: { op: 'replan' } }),
    );
    const edit = answer.edit.op === 'replan' ? answer.edit : { replannedTrips: [], newTrips: [] };
    const kept = before.trips.length - edit.replannedTrips.length;
    const message = t('replanDone', { replanned: edit.replannedTrips.length, kept });
    const delta = answer.totals.costFen - before.totals.costFen;
    status.ok(message);
    fill(
      result,
      h('h4', null, t('replanResultTitle')),
      h(
        'ul',
        { class: 'replan-changes' },
        h(
          'li',
          { 'data-testid': 'replan-trips' },
          t('replanTrips', { before: before.trips.length, after: answer.trips.length }),
        ),
        h(
          'li',
          { 'data-testid': 'replan-cost' },
          t('replanCost', {
            before: money(before.totals.costFen),
            after: money(answer.totals.costFen),
            delta: signedMoney(delta),
          }),
        ),
      ),
    );
    o.onPlan(answer, message);
  }

  button.addEventListener('click', () => {
    const before = o.current();
    const kept = before.trips.filter(keptByReplan).length;
    const others = before.trips.length - kept;
    const titleId = newId('replan-dialog-title'),
      textId = newId('replan-dialog-text');
    const confirm = h('button', { type: 'button', class: 'primary', disabled: others === 0 }, t('replanConfirm'));
    const cancel = h('button', { type: 'button' }, t('cancel'));
    const problem = h('div', { class: 'replan-problem' });
    const dialog = h(
      'dialog',
      { class: 'modal', 'aria-labelledby': titleId, 'aria-describedby': textId, 'data-testid': 'replan-dialog' },
      h('h2', { id: titleId }, t('replanDialogTitle')),
      h(
        'div',
        { id: textId },
        others === 0
          ? h('p', null, t('replanDialogNone', { kept }))
          : [h('p', null, t('replanDialogKept', { kept })), h('p', null, t('replanDialogOthers', { others }))],
      ),
      problem,
      h('div', { class: 'actions' }, confirm, cancel),
    );
    const close = () => {
      dialog.close();
      dialog.remove();
      if (button.isConnected) button.focus();
    };
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close();
    });
    cancel.addEventListener('click', close);
    confirm.addEventListener('click', async () => {
      fill(problem);
      try {
        await run(before, confirm);
        close();
      } catch (err) {
        // The dialog stays open with the refusal; Cancel closes it.
        fill(problem, planActionRefusal(err));
      }
    });
    section.append(dialog);
    dialog.showModal();
    (others === 0 ? cancel : confirm).focus();
  });
  return section;
}
