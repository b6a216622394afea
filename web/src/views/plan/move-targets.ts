import { fill, h, newId, option } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { money } from '../../lib/money';
import type { MoveTarget, Passenger, Plan, Trip } from '../../lib/types';
import { busy } from '../../lib/widgets';
import { loadMoveTargets } from './plan-api';
import { tripName } from './vehicles';

export interface MoveActions {
  /** Makes the move (PATCH), announcing the outcome. */
  move(button: HTMLButtonElement, toTripId: string, to: Trip | undefined): Promise<void>;
  /** Shows why the targets could not be loaded. */
  fail(e: unknown): void;
}

/** One target as its option reads: the trip, its free seats and the passenger's new share. */
function targetText(plan: Plan, x: MoveTarget): string {
  const to = plan.trips.find((tr) => tr.id === x.tripId);
  return t('moveTargetOption', {
    trip: to ? tripName(to) : x.tripKey,
    seats: x.seatsFree,
    share: money(x.shareFen.after ?? 0),
  });
}

/** What the chosen move does to both trips' costs (the trip moved from may be emptied and cancelled). */
const costText = (x: MoveTarget): string =>
  t('moveTargetCost', {
    before: money(x.toCostFen.before),
    after: money(x.toCostFen.after ?? 0),
    fromBefore: money(x.fromCostFen.before),
    fromAfter: x.fromCostFen.after === null ? t('moveTripRemoved') : money(x.fromCostFen.after),
  });

/**
 * A passenger's move cell: "Move…" asks the server for the trips they (with their family) may move to, the same
 * rules the move checks, so only those are offered, cheapest first, each with its cost; or says there is none.
 */
export function moveCell(plan: Plan, p: Passenger, actions: MoveActions): HTMLTableCellElement {
  const cell = h('td', { class: 'move' });
  const find = h(
    'button',
    { type: 'button', class: 'small move-find', 'aria-label': t('moveFindLabel', { name: p.name }) },
    t('moveFind'),
  );
  find.addEventListener('click', async () => {
    let answer;
    try {
      answer = await busy(find, t('moveFinding'), () => loadMoveTargets(plan.batchId, p.workerId));
    } catch (e) {
      actions.fail(e);
      return;
    }
    if (!answer.targets.length) {
      fill(cell, h('span', { class: 'muted small move-none', role: 'status' }, t('moveNone')));
      return;
    }
    const id = newId('move');
    const select = h(
      'select',
      { id, class: 'move-select', 'data-count': answer.targets.length },
      answer.targets.map((x) => option(x.tripId, targetText(plan, x))),
    );
    const cost = h('span', { class: 'muted small move-cost', 'aria-live': 'polite' }, costText(answer.targets[0]));
    const targets = answer.targets;
    select.addEventListener('change', () => {
      const x = targets.find((y) => y.tripId === select.value);
      if (x) cost.textContent = costText(x);
    });
    const go = h('button', { type: 'button', class: 'small move-go' }, t('moveGo'));
    go.addEventListener('click', () => {
      const to = plan.trips.find((x) => x.id === select.value);
      void actions.move(go, select.value, to);
    });
    fill(
      cell,
      h('label', { for: id, class: 'visually-hidden' }, t('moveLabel', { name: p.name })),
      h(
        'span',
        { class: 'visually-hidden', role: 'status' },
        t('moveTargetsOf', { name: p.name, n: answer.targets.length }),
      ),
      select,
      ' ',
      go,
      h('br'),
      cost,
    );
    select.focus();
  });
  cell.append(find);
  return cell;
}
