import { ApiError, getJson, request } from '../lib/api';
import { fileNameOf, saveBlob } from '../lib/download';
import { fill, h } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import type { MessageKey } from '../lib/messages/zh';
import { money } from '../lib/money';
import { countyName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { cstDay, shortTime } from '../lib/time';
import type { SubsidyList, SubsidyListItem } from '../lib/types';
import { busy, errorBox, pageHeader, statusLine, table } from '../lib/widgets';
import type { ViewContext } from '../router';
import { keyRef, listStatus } from './subsidy-lists';

type Action = 'publish' | 'approve' | 'pay' | 'withdraw';
const ACTIONS: Record<string, Action[]> = {
  draft: ['publish', 'withdraw'],
  published: ['approve', 'withdraw'],
  approved: ['pay'],
};
const STEPS = ['draft', 'published', 'approved', 'paid'] as const;

/** One subsidy list: its people and totals, the maker/approver workflow, and CSV/Excel exports. */
export async function subsidyListView(ctx: ViewContext): Promise<void> {
  const [id] = ctx.params;
  const [detail, ref] = await Promise.all([
    getJson<SubsidyList & { items: SubsidyListItem[] }>(`/subsidy-lists/${id}`, { signal: ctx.signal }),
    loadPlaces(),
  ]);
  const ix = indexPlaces(ref);
  const flash = statusLine();
  const head = h('div');
  let list: SubsidyList = detail;
  const draw = () =>
    fill(
      head,
      ...header(list, ix, flash, (next) => {
        list = next;
        draw();
      }),
    );
  draw();
  ctx.setTitle(t('listTitle', { county: countyName(ix, list.countyCode) }));
  fill(ctx.root, head, flash, itemsTable(detail.items, ix, detail.totalFen));
  ctx.ready('subsidy-list');
}

function header(
  list: SubsidyList,
  ix: PlaceIndex,
  flash: ReturnType<typeof statusLine>,
  onChange: (l: SubsidyList) => void,
): Node[] {
  const facts: [string, Node | string][] = [
    [t('status'), listStatus(list.status)],
    [t('itemCount'), String(list.itemCount)],
    [t('total'), h('strong', { 'data-testid': 'list-total' }, money(list.totalFen))],
    [
      t('period'),
      list.periodFrom || list.periodTo
        ? `${list.periodFrom ? cstDay(list.periodFrom) : '…'} – ${list.periodTo ? cstDay(new Date(Date.parse(list.periodTo) - 1)) : '…'}`
        : t('anyTime'),
    ],
    [t('maker'), keyRef(list.createdBy)],
    [t('createdAt'), shortTime(list.createdAt)],
    [t('noticeEnds'), shortTime(list.noticeEndsAt)],
    [t('approver'), keyRef(list.approvedBy)],
    [t('payer'), keyRef(list.paidBy)],
  ];
  const step = STEPS.indexOf(list.status as (typeof STEPS)[number]);
  const steps = h(
    'ol',
    { class: 'steps', 'aria-label': t('status') },
    STEPS.map((s, i) =>
      h(
        'li',
        { class: i < step ? 'done' : i === step ? 'current' : '', 'aria-current': i === step ? 'step' : null },
        tOr(`listStatus_${s}`, s),
      ),
    ),
  );

  const actions = (ACTIONS[list.status] ?? []).map((a) => {
    const b = h(
      'button',
      { type: 'button', class: a === 'withdraw' ? 'danger' : 'primary', 'data-action': a },
      t(`action_${a}` as MessageKey),
    );
    b.addEventListener('click', async () => {
      flash.clear();
      try {
        const next = await busy(b, t('loading'), () =>
          getJson<SubsidyList>(`/subsidy-lists/${list.id}/${a}`, { method: 'POST' }),
        );
        onChange(next);
        flash.ok(t('actionDone', { status: tOr(`listStatus_${next.status}`, next.status) }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 403 && a === 'approve') {
          flash.fail(
            h(
              'span',
              null,
              h('strong', null, t('makerCannotApprove')),
              h('br'),
              e.message,
              h('br'),
              h(
                'span',
                { class: 'mono small' },
                t('makerIs', { maker: list.createdBy, approver: list.approvedBy ?? '—' }),
              ),
            ),
          );
        } else flash.fail(errorBox(e));
      }
    });
    return b;
  });
  const downloads = (['csv', 'xlsx'] as const).map((ext) => {
    const b = h('button', { type: 'button', 'data-download': ext }, t(ext === 'csv' ? 'downloadCsv' : 'downloadXlsx'));
    b.addEventListener('click', async () => {
      flash.clear();
      try {
        const name = await busy(b, t('downloading'), () => exportList(list, ext));
        flash.ok(t('downloaded', { name }));
      } catch (e) {
        flash.fail(errorBox(e));
      }
    });
    return b;
  });
  return [
    pageHeader(
      t('listTitle', { county: countyName(ix, list.countyCode) }),
      h('p', { class: 'muted small mono' }, list.id),
    ),
    steps,
    h(
      'section',
      { class: 'panel' },
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
      ),
      h('div', { class: 'actions' }, actions, h('span', { class: 'spacer' }), downloads),
    ),
  ];
}

/** GET export.csv / export.xlsx with the key, saved via a Blob. */
async function exportList(list: SubsidyList, ext: 'csv' | 'xlsx'): Promise<string> {
  const res = await request(`/subsidy-lists/${list.id}/export.${ext}`, {
    headers: {
      accept: ext === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
  const name = fileNameOf(
    res.headers.get('content-disposition'),
    `subsidy-list-${list.countyCode}-${list.id.slice(0, 8)}.${ext}`,
  );
  saveBlob(await res.blob(), name);
  return name;
}

function itemsTable(items: SubsidyListItem[], ix: PlaceIndex, totalFen: number): HTMLElement {
  const rows = items.map((x, i) =>
    h(
      'tr',
      null,
      h('td', { class: 'num' }, i + 1),
      h('td', null, x.name),
      h('td', { class: 'mono' }, x.idNumber),
      h('td', null, x.village),
      h('td', null, countyName(ix, x.countyCode)),
      h('td', null, shortTime(x.arrivedAt)),
      h('td', { class: 'num' }, money(x.amountFen)),
    ),
  );
  const tableEl = table(
    null,
    [['#', 'num'], t('name'), t('idNumber'), t('village'), t('county'), t('arrivedAt'), [t('subsidy'), 'num']],
    rows,
    'items',
  );
  tableEl.append(
    h(
      'tfoot',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'row', colspan: '6' }, `${t('total')} (${items.length})`),
        h('td', { class: 'num strong' }, money(totalFen)),
      ),
    ),
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'items-title' },
    h('h2', { id: 'items-title' }, t('items')),
    h('div', { class: 'scroll-x' }, tableEl),
  );
}
