import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { Trip } from '../../lib/types';
import { busy, errorBox, statusLine } from '../../lib/widgets';
import { tripName } from '../plan/vehicles';
import { downloadBatchNotices, downloadTripNotices } from './notices-api';

type Status = ReturnType<typeof statusLine>;

/** A button that saves a file and says so (or why not) in `status`. */
function downloadButton(label: string, status: Status, save: () => Promise<string>, aria?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', ...(aria ? { 'aria-label': aria } : {}) }, label);
  b.addEventListener('click', async () => {
    status.clear();
    try {
      status.ok(t('downloaded', { name: await busy(b, t('downloading'), save) }));
    } catch (e) {
      status.fail(errorBox(e));
    }
  });
  return b;
}

/** A trip's pick-up notice actions on the plan page: the printable page and the CSV for the SMS platform. */
export function tripNoticeActions(batchId: string, trip: Trip, status: Status): Node[] {
  const name = tripName(trip);
  return [
    h(
      'a',
      {
        class: 'button',
        href: `/batches/${batchId}/trips/${trip.id}/notices`,
        'aria-label': t('pickupNoticesOpen', { trip: name }),
        'data-testid': 'pickup-notices-link',
      },
      t('pickupNotices'),
    ),
    downloadButton(t('pickupCsv'), status, () => downloadTripNotices(trip.id, name), t('pickupCsvFor', { trip: name })),
  ];
}

/** The batch's pick-up notices as one CSV: a small panel above the trips. */
export function batchNoticeActions(batchId: string): HTMLElement {
  const status = statusLine();
  return h(
    'section',
    { class: 'panel pickup-batch no-print', 'aria-labelledby': 'pickup-batch-title', 'data-testid': 'pickup-batch' },
    h('h2', { id: 'pickup-batch-title' }, t('pickupNotices')),
    h('p', { class: 'muted small' }, t('pickupBatchHelp')),
    h(
      'div',
      { class: 'actions' },
      downloadButton(t('pickupBatchCsv'), status, () => downloadBatchNotices(batchId)),
    ),
    status,
  );
}
