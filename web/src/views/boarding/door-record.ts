import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { BoardingView } from '../../lib/types';
import { badge } from '../../lib/widgets';
import { failuresOf, idTail, type DoorCounts } from './boarding-model';
import { checkFacts, failuresText } from './boarding-text';

/** The counts at the door: boarded, taken off, still to check, seats free of all. */
export function doorCountsBar(c: DoorCounts): HTMLElement {
  const item = (key: 'boarded' | 'takenOff' | 'remaining', label: string, tone: string) =>
    h('div', { class: `door-count ${tone}`, 'data-count': key }, h('dt', null, label), h('dd', null, c[key]));
  return h(
    'dl',
    { class: 'door-counts', 'aria-label': t('boardingCounts') },
    item('boarded', t('boardingBoarded'), 'ok'),
    item('takenOff', t('boardingTakenOff'), 'bad'),
    item('remaining', t('boardingRemaining'), ''),
    h(
      'div',
      { class: 'door-count', 'data-count': 'free' },
      h('dt', null, t('boardingFreeSeats')),
      h('dd', null, c.free, h('span', { class: 'of' }, ` ${t('boardingFreeSeatsOf', { capacity: c.capacity })}`)),
    ),
  );
}

const who = (name: string, idNumber: string | null) => {
  const tail = idTail(idNumber);
  return [h('strong', null, name), tail ? h('span', { class: 'muted' }, ` · ${t('boardingIdTail', { tail })}`) : null];
};

/**
 * Who the door took off this trip, each with why (the check's values, or the family they stay with) and that
 * their seat is free again.
 */
export function takenOffList(view: BoardingView): HTMLElement {
  const off = view.checks.filter((c) => !c.aboard);
  const items = [
    ...off.map((c) =>
      h(
        'li',
        { 'data-worker-id': c.workerId, 'data-held': c.passed ? 'family' : 'failed' },
        who(c.name, c.idNumber),
        h(
          'span',
          { class: 'reason' },
          c.passed
            ? t('boardingHeldFamily', { family: c.familyId ?? '' })
            : t('boardingHeldFailed', { reasons: failuresText(failuresOf(view.rules, c)) }),
        ),
        h('span', { class: 'muted small' }, checkFacts(c)),
        badge(t('boardingSeatFreed'), 'neutral'),
      ),
    ),
    ...view.familyHeld.map((w) =>
      h(
        'li',
        { 'data-worker-id': w.workerId, 'data-held': 'family' },
        who(w.name, w.idNumber),
        h('span', { class: 'reason' }, t('boardingHeldFamily', { family: w.familyId })),
        badge(t('boardingSeatFreed'), 'neutral'),
      ),
    ),
  ];
  return h(
    'section',
    { class: 'panel taken-off', 'aria-labelledby': 'taken-off-title', 'data-testid': 'taken-off' },
    h('h2', { id: 'taken-off-title' }, t('boardingTakenOffTitle'), ' ', h('span', { class: 'count' }, items.length)),
    items.length ? h('ul', { class: 'taken-off-list' }, items) : h('p', { class: 'muted' }, t('boardingTakenOffNone')),
  );
}
