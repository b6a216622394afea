import { getJson } from '../lib/api';
import { fill, h } from '../lib/dom';
import { t, tOr } from '../lib/i18n';
import { indexPlaces, places as loadPlaces } from '../lib/places';
import { can, me, rememberBatch } from '../lib/session';
import { readEvents } from '../lib/sse';
import type { BatchStatus, Plan, Places } from '../lib/types';
import { badge, errorBox, loadingLine, pageHeader, statusLine } from '../lib/widgets';
import { planMap } from '../map/plan-map';
import type { ViewContext } from '../router';
import { batchNoticeActions } from './notices/notice-actions';
import { heldList } from './plan/held';
import { loadPlan } from './plan/plan-api';
import { planActions } from './plan/plan-actions';
import { planSummary } from './plan/summary';
import { tripList } from './plan/trips';

const TERMINAL = new Set(['planned', 'failed', 'merged']);

/** One batch: live planning progress (SSE read with fetch), then the plan with map, trips and held workers. */
export async function batchView(ctx: ViewContext): Promise<void> {
  const [id] = ctx.params;
  const batch = await getJson<BatchStatus>(`/batches/${id}`, { signal: ctx.signal });
  if (can(me(), 'dispatcher')) rememberBatch({ id, name: batch.name, at: batch.createdAt ?? new Date().toISOString() });
  ctx.setTitle(batch.name);

  const statusBadge = h('span', { class: 'batch-status' });
  const bar = h('progress', { max: '100', value: '0', id: 'batch-progress', 'aria-labelledby': 'progress-label' });
  const pct = h('output', { for: 'batch-progress', class: 'progress-value' }, '0 %');
  const counts = h('span', { class: 'muted' });
  const progressPanel = h(
    'section',
    { class: 'panel progress-panel', 'aria-labelledby': 'progress-label', 'data-testid': 'progress' },
    h('div', { class: 'progress-head' }, h('h2', { id: 'progress-label' }, t('progressTitle')), statusBadge, counts),
    h('div', { class: 'progress-row' }, bar, pct),
  );
  const flash = statusLine();
  const planArea = h('div', { class: 'plan-area' });
  fill(
    ctx.root,
    pageHeader(batch.name, h('p', { class: 'muted small mono' }, batch.id)),
    progressPanel,
    flash,
    planArea,
  );

  const show = (b: Pick<BatchStatus, 'status' | 'progress' | 'error' | 'counts' | 'mergedInto'>) => {
    const p = b.status === 'planned' ? 100 : Math.max(0, Math.min(100, Math.round(b.progress)));
    bar.value = p;
    bar.setAttribute('aria-valuetext', `${p} %`);
    pct.textContent = `${p} %`;
    fill(
      statusBadge,
      badge(
        tOr(`status_${b.status}`, b.status),
        b.status === 'planned' ? 'ok' : b.status === 'failed' ? 'bad' : 'info',
      ),
    );
    counts.textContent = b.counts ? `${t('workers')} ${b.counts.workers} · ${t('tripsTitle')} ${b.counts.trips}` : '';
    progressPanel.dataset.status = b.status;
    if (b.status === 'failed') fill(planArea, errorBox(new Error(t('planFailed', { error: b.error ?? '' }))));
    if (b.status === 'merged' && b.mergedInto) fill(planArea, mergedNote(b.mergedInto));
  };
  show(batch);

  let final: BatchStatus['status'] = batch.status;
  if (!TERMINAL.has(batch.status)) {
    ctx.ready('batch-progress');
    final = await follow(id, ctx.signal, show);
  }
  if (final !== 'planned' || ctx.signal.aborted) return;
  fill(planArea, loadingLine());
  const [plan, ref] = await Promise.all([loadPlan(id, ctx.signal), loadPlaces()]);
  if (ctx.signal.aborted) return;
  renderPlan(planArea, plan, ref, flash, ctx.signal);
  ctx.ready('plan');
}

/** A merged batch's page: its workers are planned in the batch it was merged into. */
const mergedNote = (into: string): HTMLElement =>
  h(
    'p',
    { class: 'panel merged-note', 'data-testid': 'merged-into' },
    t('batchMergedInto'),
    ' ',
    h('a', { href: `/batches/${into}` }, t('batchMergedOpen')),
  );

/** Follows the event stream until planned or failed; if the stream breaks, polls the status instead. */
async function follow(id: string, signal: AbortSignal, show: (b: BatchStatus) => void): Promise<BatchStatus['status']> {
  let last: BatchStatus['status'] = 'queued';
  try {
    await readEvents(
      `/batches/${id}/events`,
      (e) => {
        try {
          const b = JSON.parse(e.data) as BatchStatus;
          last = b.status;
          show(b);
        } catch {
          /* not a status event */
        }
      },
      signal,
    );
  } catch (e) {
    if ((e as Error).name === 'AbortError') return last;
  }
  while (!TERMINAL.has(last) && !signal.aborted) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      const b = await getJson<BatchStatus>(`/batches/${id}`, { signal });
      last = b.status;
      show(b);
    } catch (e) {
      if ((e as Error).name === 'AbortError') break;
    }
  }
  return last;
}

/** Opens a trip's details in the list (its toggle emphasises it on the map) and brings it into view. */
function openTrip(area: HTMLElement, tripId: string): void {
  const details = area.querySelector<HTMLDetailsElement>(`details.trip[data-trip-id="${CSS.escape(tripId)}"]`);
  if (!details) return;
  details.open = true;
  details.scrollIntoView({ block: 'start' });
  details.querySelector<HTMLElement>('summary')?.focus({ preventScroll: true });
}

function renderPlan(
  area: HTMLElement,
  first: Plan,
  ref: Places,
  flash: ReturnType<typeof statusLine>,
  signal: AbortSignal,
): void {
  const index = indexPlaces(ref);
  const editable = can(me(), 'dispatcher');
  const open = new Set<string>();
  let shown = first;
  const draw = (plan: Plan) => {
    shown = plan;
    const map = planMap(plan, ref, { onTrip: (tripId) => openTrip(area, tripId) });
    const lastOpen = [...open].pop();
    if (lastOpen) map.highlight(lastOpen);
    const trips = tripList({
      plan,
      index,
      editable,
      open,
      onPlan: (next, message) => {
        draw(next);
        flash.ok(message);
      },
      onFocusTrip: (tripId) => map.highlight(tripId),
    });
    const held = heldList(
      plan.held,
      editable,
      async (message) => {
        flash.ok(message);
        try {
          draw(await loadPlan(plan.batchId));
        } catch (e) {
          flash.fail(errorBox(e, index));
        }
      },
      index,
    );
    fill(
      area,
      h('h2', { class: 'visually-hidden' }, t('planTitle')),
      planSummary(plan),
      editable ? batchNoticeActions(plan.batchId) : null,
      h('div', { class: 'plan-grid' }, map.el, trips),
      actions,
      held,
    );
  };
  // Built once, so what it shows (where new workers went, what a re-plan changed) outlives the redraws.
  const actions = editable
    ? planActions({
        batchId: first.batchId,
        signal,
        current: () => shown,
        onPlan: (next, m) => (draw(next), flash.ok(m)),
      })
    : null;
  draw(first);
}
