import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { Plan } from '../../lib/types';
import { addWorkersPanel } from './add-workers';
import { replanPanel } from './replan';

export interface PlanActionsOptions {
  batchId: string;
  signal: AbortSignal;
  /** The plan on screen now. */
  current(): Plan;
  /** Draws the changed plan and says what happened. */
  onPlan(next: Plan, message: string): void;
}

/**
 * The dispatcher's changes of a whole planned batch, below the trips: add workers from a CSV, re-plan. Built once
 * per page (redrawing the plan keeps what the panels show).
 */
export function planActions(o: PlanActionsOptions): HTMLElement {
  return h(
    'section',
    { class: 'panel plan-actions', 'aria-labelledby': 'plan-actions-title', 'data-testid': 'plan-actions' },
    h('h2', { id: 'plan-actions-title' }, t('planActionsTitle')),
    h(
      'div',
      { class: 'plan-actions-grid' },
      addWorkersPanel({ batchId: o.batchId, signal: o.signal, onPlan: o.onPlan }),
      replanPanel({ current: o.current, onPlan: o.onPlan }),
    ),
  );
}
