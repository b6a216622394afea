import { getJson } from '../lib/api';
import { fill, h } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { money } from '../lib/money';
import { countyName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces } from '../lib/places';
import { shortTime } from '../lib/time';
import type { SubsidyList } from '../lib/types';
import { badge, pageHeader, table, type Tone } from '../lib/widgets';
import type { ViewContext } from '../router';

export const listTone = (s: SubsidyList['status']): Tone =>
  s === 'paid' ? 'ok' : s === 'approved' ? 'ok' : s === 'published' ? 'info' : s === 'withdrawn' ? 'bad' : 'neutral';
export const listStatus = (s: string): HTMLElement =>
  badge(tOr(`listStatus_${s}`, s), listTone(s as SubsidyList['status']));
/** Key ids are UUIDs; the first 8 characters tell people apart on screen, the title holds the whole id. */
export const keyRef = (id: string | null): HTMLElement | string =>
  id ? h('code', { title: id, class: 'key-ref' }, id.slice(0, 8)) : '—';

/** Finance: every subsidy list of the key's counties, newest first. */
export async function subsidyListsView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('listsTitle'));
  const [{ lists }, ref] = await Promise.all([
    getJson<{ lists: SubsidyList[] }>('/subsidy-lists', { signal: ctx.signal }),
    loadPlaces(),
  ]);
  const ix = indexPlaces(ref);
  fill(
    ctx.root,
    pageHeader(t('listsTitle')),
    lists.length
      ? h(
          'section',
          { class: 'panel' },
          h(
            'div',
            { class: 'scroll-x' },
            table(
              null,
              [
                t('county'),
                t('status'),
                [t('itemCount'), 'num'],
                [t('total'), 'num'],
                t('createdAt'),
                t('maker'),
                t('approver'),
                t('noticeEnds'),
              ],
              lists.map((l) =>
                h(
                  'tr',
                  { 'data-list-id': l.id },
                  h('td', null, h('a', { href: `/subsidy-lists/${l.id}` }, countyName(ix, l.countyCode))),
                  h('td', null, listStatus(l.status)),
                  h('td', { class: 'num' }, l.itemCount),
                  h('td', { class: 'num strong' }, money(l.totalFen)),
                  h('td', null, shortTime(l.createdAt)),
                  h('td', null, keyRef(l.createdBy)),
                  h('td', null, keyRef(l.approvedBy)),
                  h('td', null, shortTime(l.noticeEndsAt)),
                ),
              ),
              'lists',
            ),
          ),
        )
      : h('p', { class: 'panel muted' }, t('listsEmpty')),
  );
  ctx.ready('subsidy-lists');
}
