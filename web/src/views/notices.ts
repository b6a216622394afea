import { getJson } from '../lib/api';
import { fill, h, newId, option } from '../lib/dom';
import { t } from '../lib/i18n';
import type { BatchStatus, PickupNotice, TripNoticesAnswer } from '../lib/types';
import { badge, busy, errorBox, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import { downloadTripNotices, loadTripNotices, type NoticeLang } from './notices/notices-api';

/** One passenger's notice as it is sent: who, which number, the text and its length in characters and SMS. */
function noticeItem(n: PickupNotice, lang: NoticeLang, maxLength: number): HTMLElement {
  const flags = [
    n.overLimit ? badge(t('pickupOverLimit', { max: maxLength }), 'bad') : null,
    !n.overLimit && n.detail !== 'full' ? badge(t('pickupShortened'), 'info') : null,
  ];
  return h(
    'li',
    { class: 'pickup-notice', 'data-worker-id': n.workerId, 'aria-label': t('pickupFor', { name: n.name }) },
    h(
      'p',
      { class: 'pickup-to' },
      h('span', { class: 'visually-hidden' }, `${t('pickupRecipient')}: `),
      h('strong', null, n.name),
      ' ',
      h('span', { class: 'mono' }, n.phone),
    ),
    h('p', { class: 'pickup-text', lang: lang === 'zh' ? 'zh-CN' : 'en' }, n.text),
    h(
      'p',
      { class: 'pickup-meta muted small' },
      t('pickupLength', { n: n.length, parts: n.smsParts }),
      ...flags.flatMap((f) => (f ? [' ', f] : [])),
    ),
  );
}

function noticeList(a: TripNoticesAnswer): HTMLElement {
  if (!a.notices.length) return h('p', { class: 'muted' }, t('pickupEmpty'));
  return h(
    'ol',
    { class: 'pickup-notices', 'data-testid': 'pickup-notice-list' },
    a.notices.map((n) => noticeItem(n, a.lang, a.maxLength)),
  );
}

const summary = (a: TripNoticesAnswer): string =>
  [
    t('pickupCount', { n: a.notices.length }),
    a.notices.length ? t('pickupLongest', { n: Math.max(...a.notices.map((n) => n.length)), max: a.maxLength }) : null,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * The printable pick-up notices of one trip: the text each passenger receives by SMS, with the number it goes to,
 * one block per passenger (print CSS keeps a block on one page); the CSV for the county's SMS platform.
 */
export async function pickupNoticesView(ctx: ViewContext): Promise<void> {
  const [batchId, tripId] = ctx.params;
  let lang: NoticeLang = 'zh';
  const [batch, first] = await Promise.all([
    getJson<BatchStatus>(`/batches/${batchId}`, { signal: ctx.signal }),
    loadTripNotices(tripId, lang, ctx.signal),
  ]);
  if (first.trip.batchId !== batchId) throw new Error(t('notFoundPage'));
  const name = first.trip.label ?? first.trip.key;
  ctx.setTitle(t('pickupNoticesFor', { trip: name }));

  const status = statusLine();
  const counts = h('p', { class: 'muted', 'data-testid': 'pickup-summary' }, summary(first));
  const list = h('div', { class: 'pickup-list' }, noticeList(first));
  const print = h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('print'));
  const dl = h('button', { type: 'button' }, t('pickupCsv'));
  dl.addEventListener('click', async () => {
    status.clear();
    try {
      status.ok(
        t('downloaded', { name: await busy(dl, t('downloading'), () => downloadTripNotices(tripId, name, lang)) }),
      );
    } catch (e) {
      status.fail(errorBox(e));
    }
  });
  const langId = newId('pickup-lang');
  const select = h('select', { id: langId }, option('zh', t('pickupLangZh'), true), option('en', t('pickupLangEn')));
  select.addEventListener('change', async () => {
    const next = select.value as NoticeLang;
    select.disabled = true;
    list.setAttribute('aria-busy', 'true');
    try {
      const a = await loadTripNotices(tripId, next, ctx.signal);
      lang = next;
      fill(list, noticeList(a));
      counts.textContent = summary(a);
      status.clear();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') status.fail(errorBox(e));
      select.value = lang;
    } finally {
      select.disabled = false;
      list.removeAttribute('aria-busy');
    }
  });

  fill(
    ctx.root,
    h(
      'article',
      { class: 'pickup panel' },
      h(
        'div',
        { class: 'no-print actions toolbar', role: 'toolbar', 'aria-label': t('pickupNotices') },
        h('a', { href: `/batches/${batchId}`, class: 'button' }, `← ${t('backToPlan')}`),
        print,
        dl,
        h('span', { class: 'field-inline' }, h('label', { for: langId }, t('pickupLang')), ' ', select),
      ),
      status,
      h(
        'header',
        { class: 'page-header' },
        h('h1', null, t('pickupNoticesFor', { trip: name })),
        h('p', { class: 'muted' }, batch.name),
      ),
      counts,
      h('p', { class: 'muted small no-print' }, t('pickupHelp')),
      list,
    ),
  );
  ctx.ready('pickup-notices');
}
