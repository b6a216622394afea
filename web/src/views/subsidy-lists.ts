import { getJson } from '../lib/api';
import { field, fill, h, option } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { money } from '../lib/money';
import { countyName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { fullTime } from '../lib/time';
import type { SubsidyList, SubsidyListsPage } from '../lib/types';
import { badge, pageHeader, table, type Tone } from '../lib/widgets';
import type { ViewContext } from '../router';
import { nextSteps, nextStepText } from './finance/flow-actions';
import { apiPathOf, FILTER_STATUSES, PAGE_SIZE, pathOf, stateOf, type ListsState } from './finance/lists-query';

export const listTone = (s: SubsidyList['status']): Tone =>
  s === 'paid' ? 'ok' : s === 'approved' ? 'ok' : s === 'published' ? 'info' : s === 'withdrawn' ? 'bad' : 'neutral';
export const listStatus = (s: string): HTMLElement =>
  badge(tOr(`listStatus_${s}`, s), listTone(s as SubsidyList['status']));
/** Key ids are UUIDs; the first 8 characters tell people apart on screen, the title holds the whole id. */
export const keyRef = (id: string | null): HTMLElement | string =>
  id ? h('code', { title: id, class: 'key-ref' }, id.slice(0, 8)) : '—';

/**
 * Finance: the lists of the key's counties, newest first, a page at a time: the queue of lists awaiting my
 * approval (published, notice over, made by someone else), or all lists of one status. Each row says what the
 * caller can do with the list now, from the server's `actions`.
 */
export async function subsidyListsView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('listsTitle'));
  const s = stateOf(ctx.query);
  const [page, queue, ref] = await Promise.all([
    getJson<SubsidyListsPage>(apiPathOf(s), { signal: ctx.signal }),
    s.queue
      ? null
      : getJson<SubsidyListsPage>(apiPathOf({ queue: true, status: null, offset: 0 }, 1), { signal: ctx.signal }),
    loadPlaces(),
  ]);
  const ix = indexPlaces(ref);
  fill(
    ctx.root,
    pageHeader(t('listsTitle')),
    tabs(s, queue?.total ?? page.total),
    s.queue ? h('p', { class: 'muted queue-help' }, t('queueHelp')) : statusFilter(ctx, s),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'lists-title', 'data-testid': s.queue ? 'queue' : 'lists' },
      h('h2', { id: 'lists-title' }, s.queue ? t('queueTitle') : t('listsAll')),
      page.lists.length ? listTable(page.lists, ix) : h('p', { class: 'muted' }, emptyText(s, page.total)),
      pager(s, page),
    ),
  );
  ctx.ready('subsidy-lists');
}

const emptyText = (s: ListsState, total: number): string =>
  total > 0 ? t('listsNone') : s.queue ? t('queueEmpty') : s.status ? t('listsNone') : t('listsEmpty');

/** "Awaiting my approval n" and "All lists"; the page's own marked current. */
function tabs(s: ListsState, queueTotal: number): HTMLElement {
  const tab = (queue: boolean, label: string, extra?: HTMLElement) =>
    h(
      'a',
      {
        href: pathOf({ queue, status: null, offset: 0 }),
        class: `list-tab${queue ? ' queue' : ''}`,
        'aria-current': s.queue === queue ? 'page' : false,
      },
      label,
      extra,
    );
  return h(
    'nav',
    { class: 'list-tabs', 'aria-label': t('listsTabs') },
    tab(true, t('queueTitle'), h('span', { class: `count${queueTotal ? ' due' : ''}` }, ` ${queueTotal}`)),
    tab(false, t('listsAll')),
  );
}

/** The status of the lists to show; submitting starts at the first page. */
function statusFilter(ctx: ViewContext, s: ListsState): HTMLElement {
  const status = h(
    'select',
    { name: 'status' },
    option('', t('listsStatusAll'), !s.status),
    FILTER_STATUSES.map((x) => option(x, t(`listStatus_${x}`), s.status === x)),
  );
  const form = h(
    'form',
    { class: 'filters panel list-filters', role: 'search' },
    field(t('status'), status),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('filter'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = FILTER_STATUSES.find((x) => x === status.value) ?? null;
    ctx.navigate(pathOf({ queue: false, status: next, offset: 0 }));
  });
  return form;
}

function listTable(lists: SubsidyList[], ix: PlaceIndex): HTMLElement {
  const headers: [string, string][] = [
    [t('county'), ''],
    [t('status'), ''],
    [t('itemCount'), 'num'],
    [t('total'), 'num'],
    [t('createdAt'), ''],
    [t('maker'), ''],
    [t('approver'), ''],
    [t('noticeEnds'), ''],
    [t('listsNextStep'), ''],
  ];
  const cell = (i: number, content: Node | string | number, cls = headers[i][1]) =>
    h('td', { class: cls || null, 'data-label': headers[i][0] }, content);
  const rows = lists.map((l) =>
    h(
      'tr',
      { 'data-list-id': l.id, 'data-status': l.status },
      h('th', { scope: 'row' }, h('a', { href: `/subsidy-lists/${l.id}` }, countyName(ix, l.countyCode))),
      cell(1, listStatus(l.status)),
      cell(2, l.itemCount),
      cell(3, money(l.totalFen), 'num strong'),
      cell(4, fullTime(l.createdAt), 'nowrap'),
      cell(5, keyRef(l.createdBy)),
      cell(6, keyRef(l.approvedBy)),
      cell(7, fullTime(l.noticeEndsAt), 'nowrap'),
      cell(8, nextStepText(l), nextSteps(l).length ? 'next-step can' : 'next-step'),
    ),
  );
  return h('div', { class: 'scroll-x' }, table(null, headers, rows, 'lists'));
}

/** "1–20 of 45" with the previous and next pages as links. */
function pager(s: ListsState, page: SubsidyListsPage): HTMLElement | null {
  if (page.total <= PAGE_SIZE && s.offset === 0) return null;
  const link = (offset: number, label: string, enabled: boolean) =>
    enabled
      ? h('a', { href: pathOf({ ...s, offset }), class: 'button' }, label)
      : h('span', { class: 'button', 'aria-disabled': 'true' }, label);
  const from = page.lists.length ? s.offset + 1 : 0;
  return h(
    'div',
    { class: 'list-pager' },
    link(Math.max(0, s.offset - PAGE_SIZE), t('listsPrev'), s.offset > 0),
    h(
      'span',
      { class: 'list-pager-status', 'aria-live': 'polite' },
      t('listsPage', { from, to: s.offset + page.lists.length, total: page.total }),
    ),
    link(s.offset + PAGE_SIZE, t('listsNext'), s.offset + PAGE_SIZE < page.total),
  );
}
