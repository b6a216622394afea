import { getJson } from '../../lib/api';
import { fill, h } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import type { Plan } from '../../lib/types';
import { busy, statusLine, table } from '../../lib/widgets';
import type { AddWorkersAnswer } from '../../../../src/contracts/add-workers';
import { csvDropzone, previewCsv, sizeText } from '../batches/csv-preview';
import { planActionRefusal } from './action-errors';
import { loadPlan } from './plan-api';
import { tripName } from './vehicles';

const holdLabel = (code: string): string => tOr(`hold_${code.replace(/-/g, '_')}`, code);

/** Where one added worker went, read from the plan after the addition: a trip, the held list, or neither. */
function whereText(plan: Plan, workerId: string): { name: string; where: string; held: boolean } {
  for (const trip of plan.trips) {
    const p = trip.passengers.find((x) => x.workerId === workerId);
    if (p) return { name: p.name, where: t('addWorkersOnTrip', { trip: tripName(trip) }), held: false };
  }
  const w = plan.held.find((x) => x.workerId === workerId);
  if (!w) return { name: '—', where: t('addWorkersUnknown'), held: false };
  const reason = w.code ? holdLabel(w.code) : (w.reason ?? '');
  return { name: w.name, where: t('addWorkersHeld', { reason }), held: true };
}

function resultTable(plan: Plan, answer: AddWorkersAnswer): HTMLElement {
  const rows = answer.workers.map((w) => {
    const x = whereText(plan, w.workerId);
    return h(
      'tr',
      { 'data-worker-id': w.workerId, class: x.held ? 'held' : null },
      h('td', { class: 'num' }, w.row),
      h('td', null, x.name),
      h('td', null, x.where),
    );
  });
  return h(
    'div',
    { class: 'scroll-x' },
    table(
      t('addWorkersResultTitle'),
      [[t('addWorkersRow'), 'num'], t('addWorkersName'), t('addWorkersWhere')],
      rows,
      'added-workers',
    ),
  );
}

export interface AddWorkersOptions {
  batchId: string;
  signal: AbortSignal;
  /** The plan after the addition, and a sentence saying what happened. */
  onPlan(next: Plan, message: string): void;
}

/**
 * "Add workers": a CSV in the batch format → the batch upload's validation preview → `POST /batches/:id/workers`
 * (text/csv); then where each new worker went (trip label, or held with the reason) and the refreshed plan.
 */
export function addWorkersPanel(o: AddWorkersOptions): HTMLElement {
  let bytes: ArrayBuffer | null = null;
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, t('addWorkersSubmit'));
  const preview = h('div', { class: 'preview', 'data-testid': 'add-workers-preview' });
  const status = statusLine();
  const result = h('div', { class: 'add-workers-result', 'data-testid': 'add-workers-result' });
  const drop = csvDropzone({ inputId: 'add-workers-file', testId: 'add-workers-input', onFile: (f) => void take(f) });

  async function take(file: File): Promise<void> {
    bytes = await file.arrayBuffer();
    drop.chosen.textContent = t('fileChosen', { name: file.name, size: sizeText(file.size) });
    submit.disabled = true;
    status.clear();
    fill(result);
    submit.disabled = !(await previewCsv(bytes, preview, o.signal));
  }

  const form = h(
    'form',
    { class: 'plan-action add-workers', 'aria-labelledby': 'add-workers-title', 'data-testid': 'add-workers' },
    h('h3', { id: 'add-workers-title' }, t('addWorkersTitle')),
    h('p', { class: 'hint' }, t('addWorkersHelp')),
    drop.el,
    preview,
    h('div', { class: 'actions' }, submit),
    status,
    result,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!bytes) return;
    status.clear();
    const body = bytes;
    try {
      const answer = await busy(submit, t('addWorkersSubmitting'), () =>
        getJson<AddWorkersAnswer>(`/batches/${o.batchId}/workers`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'text/csv' },
        }),
      );
      // Added once: the same file again would be refused as people already in the batch.
      bytes = null;
      submit.disabled = true;
      fill(preview);
      const plan = await loadPlan(o.batchId);
      const seated = answer.added - answer.held;
      const message = t('addWorkersDone', { added: answer.added, seated, held: answer.held });
      status.ok(message);
      fill(result, resultTable(plan, answer));
      o.onPlan(plan, message);
    } catch (err) {
      status.fail(planActionRefusal(err));
    }
  });
  return form;
}
