import { getJson, request, sendJson } from '../lib/api';
import { fileNameOf, saveBlob } from '../lib/download';
import { fill, h, newId } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { money } from '../lib/money';
import { countyName, villageName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { cstDay, fullTime } from '../lib/time';
import type { FlowAction, SubsidyList, SubsidyListItem } from '../lib/types';
import { busy, errorBox, loadingLine, pageHeader, statusLine, table } from '../lib/widgets';
import type { ViewContext } from '../router';
import { listAuditSection, personTrail } from './finance/audit-trail';
import { refusalOf, refusalText, stepControls } from './finance/flow-actions';
import { openPayDialog } from './finance/pay-dialog';
import { keyRef, listStatus } from './subsidy-lists';

const STEPS = ['draft', 'published', 'approved', 'paid'] as const;
type Flash = ReturnType<typeof statusLine>;

/**
 * One subsidy list: its people and totals, the steps the caller may take now (from the server's `actions`, the
 * others with their reason), paying through the pay dialog, CSV/Excel exports, and the audit trail of the list
 * and of each person on it.
 */
export async function subsidyListView(ctx: ViewContext): Promise<void> {
  const [id] = ctx.params;
  const audit = listAuditSection(id);
  const trailLoaded = audit.reload();
  const [detail, ref] = await Promise.all([
    getJson<SubsidyList & { items: SubsidyListItem[] }>(`/subsidy-lists/${id}`, { signal: ctx.signal }),
    loadPlaces(),
  ]);
  const ix = indexPlaces(ref);
  const flash = statusLine();
  // Focused after a step: the button that was pressed is redrawn away, the outcome is read from here.
  flash.tabIndex = -1;
  const head = h('div');
  let list: SubsidyList = detail;
  const draw = () => fill(head, ...header(list, ix, flash, step));

  /** The list as the step left it: redrawn, the outcome said, the trail reloaded. */
  const done = (next: SubsidyList) => {
    list = next;
    draw();
    if (next.status === 'withdrawn') flash.ok(t('listWithdrawn'));
    else {
      flash.ok(t('actionDone', { status: tOr(`listStatus_${next.status}`, next.status) }));
      void audit.reload();
    }
    flash.focus();
  };
  /** A refusal (the list changed since it was drawn): its reason, and the list as it now stands. */
  const refused = async (e: unknown) => {
    const refusal = refusalOf(e);
    if (!refusal) return flash.fail(errorBox(e, ix));
    try {
      list = await getJson<SubsidyList>(`/subsidy-lists/${id}`);
    } catch (gone) {
      return flash.fail(errorBox(gone, ix)); // withdrawn meanwhile: the list is no more
    }
    draw();
    flash.fail(t('refusalReloaded', { why: refusalText(refusal) }));
    flash.focus();
  };
  function step(a: FlowAction, b: HTMLButtonElement) {
    flash.clear();
    if (a === 'pay') {
      openPayDialog({
        host: ctx.root,
        opener: b,
        count: list.itemCount,
        totalFen: list.totalFen,
        submit: async (paymentReference) =>
          done(await sendJson<SubsidyList>('POST', `/subsidy-lists/${id}/pay`, { paymentReference })),
        onRefused: (e) => void refused(e),
      });
      return;
    }
    busy(b, t('loading'), () => sendJson<SubsidyList>('POST', `/subsidy-lists/${id}/${a}`)).then(done, refused);
  }

  draw();
  ctx.setTitle(t('listTitle', { county: countyName(ix, list.countyCode) }));
  fill(ctx.root, head, flash, itemsTable(detail.items, ix, detail.totalFen), audit.section);
  await trailLoaded;
  ctx.ready('subsidy-list');
}

function header(
  list: SubsidyList,
  ix: PlaceIndex,
  flash: Flash,
  onStep: (a: FlowAction, b: HTMLButtonElement) => void,
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
    [t('createdAt'), fullTime(list.createdAt)],
    [t('noticeEnds'), fullTime(list.noticeEndsAt)],
    [t('approver'), keyRef(list.approvedBy)],
    [t('payer'), keyRef(list.paidBy)],
  ];
  if (list.paymentReference)
    facts.push([t('paymentReferenceFact'), h('code', { 'data-testid': 'payment-reference' }, list.paymentReference)]);
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
  const { buttons, reasons } = stepControls(list, onStep);
  const downloads = (['csv', 'xlsx'] as const).map((ext) => {
    const b = h('button', { type: 'button', 'data-download': ext }, t(ext === 'csv' ? 'downloadCsv' : 'downloadXlsx'));
    b.addEventListener('click', async () => {
      flash.clear();
      try {
        const name = await busy(b, t('downloading'), () => exportList(list, ext));
        flash.ok(t('downloaded', { name }));
      } catch (e) {
        flash.fail(errorBox(e, ix));
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
      { class: 'panel', 'data-testid': 'list-flow' },
      h(
        'dl',
        { class: 'facts list-facts' },
        facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
      ),
      reasons.length ? h('div', { class: 'refusals', 'data-testid': 'refusals' }, reasons) : null,
      h('div', { class: 'actions' }, buttons, h('span', { class: 'spacer' }), downloads),
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

const COLUMNS = 8;

/** A person's button that opens (and closes) their subsidy trail in a row under theirs. */
function trailToggle(x: SubsidyListItem, row: HTMLTableRowElement): HTMLButtonElement {
  const label = h('span', null, t('personTrail'));
  const b = h(
    'button',
    { type: 'button', class: 'small', 'aria-expanded': 'false', 'data-trail': x.subsidyId },
    label,
    h('span', { class: 'visually-hidden' }, ` ${x.name}`),
  );
  let open: HTMLTableRowElement | null = null;
  b.addEventListener('click', async () => {
    if (open) {
      open.remove();
      open = null;
      b.setAttribute('aria-expanded', 'false');
      label.textContent = t('personTrail');
      return;
    }
    const cell = h('td', { colspan: String(COLUMNS) }, loadingLine());
    const shown = h('tr', { class: 'trail-row', id: newId('trail') }, cell);
    open = shown;
    b.setAttribute('aria-controls', shown.id);
    b.setAttribute('aria-expanded', 'true');
    label.textContent = t('personTrailHide');
    row.after(shown);
    fill(cell, await personTrail(x.subsidyId, x.name));
  });
  return b;
}

function itemsTable(items: SubsidyListItem[], ix: PlaceIndex, totalFen: number): HTMLElement {
  const headers: (string | [string, string])[] = [
    ['#', 'num'],
    t('name'),
    t('idNumber'),
    t('village'),
    t('county'),
    t('arrivedAt'),
    [t('subsidy'), 'num'],
    t('personTrailColumn'),
  ];
  // data-label: the column's heading, shown above each value when a phone lays a row out as a card.
  const label = (i: number) => {
    const x = headers[i];
    return typeof x === 'string' ? x : x[0];
  };
  const rows = items.map((x, i) => {
    const row = h(
      'tr',
      { 'data-subsidy-id': x.subsidyId },
      h('td', { class: 'num' }, i + 1),
      h('th', { scope: 'row', class: 'person-name' }, x.name),
      h('td', { class: 'mono id-number', 'data-label': label(2) }, x.idNumber),
      h('td', { 'data-label': label(3) }, villageName(x.village)),
      h('td', { 'data-label': label(4) }, countyName(ix, x.countyCode)),
      h('td', { class: 'nowrap', 'data-label': label(5) }, fullTime(x.arrivedAt)),
      h('td', { class: 'num', 'data-label': label(6) }, money(x.amountFen)),
    );
    row.append(h('td', { class: 'trail-cell' }, trailToggle(x, row)));
    return row;
  });
  const tableEl = table(null, headers, rows, 'items');
  tableEl.append(
    h(
      'tfoot',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'row', colspan: '6' }, `${t('total')} (${items.length})`),
        h('td', { class: 'num strong' }, money(totalFen)),
        h('td'),
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
