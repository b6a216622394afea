import { h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { villageName } from '../../lib/place-names';
import { fullTime } from '../../lib/time';
import type { Arrival } from '../../lib/types';
import { badge, modeBadge, statusLine, table } from '../../lib/widgets';
import { tripName } from './filters';

export type StatusLine = ReturnType<typeof statusLine>;
/** Confirms people's arrival from `button`, telling the outcome on `line` (the person's row or the trip's bar). */
export type Confirm = (people: Arrival[], button: HTMLButtonElement, line: StatusLine) => Promise<void>;

const tone = (s: Arrival['status']) => (s === 'arrived' ? 'ok' : s === 'no-show' ? 'bad' : 'info');

function statusCell(p: Pick<Arrival, 'status' | 'arrivedAt'>): (Node | string)[] {
  const b = badge(tOr(`arrivalStatus_${p.status}`, p.status), tone(p.status));
  return p.arrivedAt ? [b, ' ', h('span', { class: 'arrived-at' }, fullTime(p.arrivedAt))] : [b];
}

/** One person: on wide screens a table row, on phones a card (styles/arrivals.css); labels come from data-label. */
function personRow(p: Arrival, confirm: Confirm): HTMLTableRowElement {
  const line = statusLine();
  // One value element per cell: on a phone the cell is a grid of its label and its value.
  const cell = (label: string, ...content: (Node | string)[]) =>
    h('td', { 'data-label': label }, h('span', { class: 'value' }, ...content));
  let action: Node | null = null;
  if (p.status !== 'arrived') {
    const b = h(
      'button',
      { type: 'button', class: 'confirm-one', 'aria-label': t('arrivalsConfirmOne', { name: p.name }) },
      t('confirm'),
    );
    b.addEventListener('click', () => void confirm([p], b, line));
    action = b;
  }
  return h(
    'tr',
    { class: `person ${p.status}`, 'data-worker-id': p.workerId, 'data-trip-id': p.tripId },
    h('th', { scope: 'row', class: 'person-name', tabindex: '-1' }, p.name),
    cell(t('idNumber'), h('span', { class: 'mono' }, p.idNumber ?? '—')),
    cell(t('village'), villageName(p.village)),
    cell(t('arrivalsTrip'), h('span', { class: 'trip-name' }, tripName(p)), ' ', modeBadge(p.mode)),
    cell(t('expectedAt'), fullTime(p.expectedAt)),
    h('td', { 'data-label': t('status'), class: 'state' }, h('span', { class: 'value' }, ...statusCell(p))),
    h('td', { class: 'action' }, action, line),
  );
}

/** Shows people as arrived (at their time) where they are on the page; answers the rows that changed. */
export function markArrived(
  list: HTMLElement,
  arrivals: readonly { workerId: string; arrivedAt: string }[],
): HTMLTableRowElement[] {
  const rows: HTMLTableRowElement[] = [];
  for (const { workerId, arrivedAt } of arrivals) {
    const row = list.querySelector<HTMLTableRowElement>(`tr[data-worker-id="${CSS.escape(workerId)}"]`);
    if (!row || row.classList.contains('arrived')) continue;
    row.classList.remove('expected', 'no-show');
    row.classList.add('arrived');
    row.querySelector('td.state .value')?.replaceChildren(...statusCell({ status: 'arrived', arrivedAt }));
    row.querySelector('td.action button')?.remove();
    rows.push(row);
  }
  return rows;
}

/** The people of one page, in arrival order. */
export function peopleTable(people: readonly Arrival[], confirm: Confirm): HTMLTableElement {
  return table(
    null,
    [t('name'), t('idNumber'), t('village'), t('arrivalsTrip'), t('expectedAt'), t('status'), t('arrivalsAction')],
    people.map((p) => personRow(p, confirm)),
    'arrival-list',
  );
}
