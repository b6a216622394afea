import { h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { fullTime } from '../../lib/time';
import type { BatchListItem } from '../../lib/types';
import { badge } from '../../lib/widgets';

/** A cell with its column's name for the card layout of phones (the value wrapped, so it sits as one item). */
const cell = (label: string, cls: string | null, ...content: (Node | string)[]) =>
  h('td', { 'data-label': label, class: cls }, h('span', { class: 'cell-value' }, ...content));

function statusCell(b: BatchListItem): HTMLElement {
  const tone = b.status === 'planned' ? 'ok' : b.status === 'failed' ? 'bad' : 'info';
  return cell(
    t('batchListStatus'),
    null,
    badge(tOr(`status_${b.status}`, b.status), tone),
    b.status === 'planning' ? h('span', { class: 'muted small' }, ` ${b.progress} %`) : '',
  );
}

/** The boxes that tick batches to plan together (a merged batch's workers are elsewhere: it has none). */
export interface RowSelect {
  isChosen(id: string): boolean;
  toggle(b: BatchListItem, on: boolean): void;
}

function selectCell(b: BatchListItem, select: RowSelect): HTMLElement {
  const box = h('input', {
    type: 'checkbox',
    name: 'merge',
    value: b.id,
    checked: select.isChosen(b.id),
    disabled: b.status === 'merged',
    'aria-label': t('mergeSelectBatch', { name: b.name }),
  });
  box.addEventListener('change', () => select.toggle(b, box.checked));
  return cell(t('mergeSelect'), 'select', box);
}

function row(b: BatchListItem, countyLabel: (code: string) => string, select?: RowSelect): HTMLElement {
  return h(
    'tr',
    { 'data-batch-id': b.id },
    select ? selectCell(b, select) : null,
    h(
      'th',
      { scope: 'row', 'data-label': t('batchListName') },
      h('a', { href: `/batches/${b.id}` }, b.name),
      h('code', { class: 'batch-id muted small', title: b.id }, b.id.slice(0, 8)),
    ),
    statusCell(b),
    cell(t('batchListCounties'), null, b.counties.map(countyLabel).join('、')),
    cell(t('batchListWorkers'), 'num', String(b.workers)),
    cell(t('batchListTravelling'), 'num', `${b.travelling ?? '—'} / ${b.held}`),
    cell(t('batchListTrips'), 'num', String(b.trips)),
    cell(t('batchListCreated'), 'nowrap', fullTime(b.createdAt)),
    cell(t('batchListPlanned'), 'nowrap', fullTime(b.plannedAt)),
  );
}

/**
 * The listed batches, each row linking to its batch page; with `select`, a first column of boxes to tick batches to
 * plan together. `recent`: newest first (the dispatcher's tests find the
 * latest batch by it). On phones each row is a card (batch-list.css).
 */
export function batchTable(
  items: BatchListItem[],
  countyLabel: (code: string) => string,
  select?: RowSelect,
): HTMLTableElement {
  const col = (label: string, cls?: string) => h('th', { scope: 'col', class: cls }, label);
  return h(
    'table',
    { class: 'data batch-list recent' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        select ? col(t('mergeSelect'), 'select') : null,
        col(t('batchListName')),
        col(t('batchListStatus')),
        col(t('batchListCounties')),
        col(t('batchListWorkers'), 'num'),
        col(t('batchListTravelling'), 'num'),
        col(t('batchListTrips'), 'num'),
        col(t('batchListCreated')),
        col(t('batchListPlanned')),
      ),
    ),
    h(
      'tbody',
      null,
      items.map((b) => row(b, countyLabel, select)),
    ),
  );
}

/** Previous / next and "page N of M · T batches". */
export function pager(page: number, pages: number, total: number, go: (page: number) => void): HTMLElement {
  const button = (label: string, to: number, disabled: boolean) =>
    h('button', { type: 'button', disabled, onclick: () => go(to) }, label);
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('batchListPages') },
    button(t('batchListPrev'), page - 1, page <= 1),
    h(
      'span',
      { class: 'pager-status', 'aria-live': 'polite', 'data-testid': 'batch-list-page' },
      t('batchListPage', { page, pages }),
      h('span', { class: 'muted' }, ` · ${t('batchListTotal', { total })}`),
    ),
    button(t('batchListNext'), page + 1, page >= pages),
  );
}
