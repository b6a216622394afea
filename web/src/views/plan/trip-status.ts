import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { Trip } from '../../lib/types';
import { badge, lockIcon, type Tone } from '../../lib/widgets';

const TONES: Record<Trip['status'], Tone> = {
  planned: 'neutral',
  locked: 'warn',
  boarding: 'info',
  departed: 'bus',
  arrived: 'ok',
};

/** A trip that has left: the server refuses its lock, moves and bearers (409 trip_departed). */
export const hasLeft = (trip: Pick<Trip, 'status'>): boolean => trip.status === 'departed' || trip.status === 'arrived';

/** The trip's status as a badge for its summary line; a lock keeps its padlock. */
export function statusBadge(trip: Pick<Trip, 'status'>): HTMLElement {
  const text = t(`tripStatus_${trip.status}`);
  const b =
    trip.status === 'locked'
      ? h('span', { class: `badge ${TONES.locked}` }, lockIcon(), ` ${text}`)
      : badge(text, TONES[trip.status]);
  b.classList.add('trip-status');
  b.dataset.status = trip.status;
  b.title = `${t('tripStatusLabel')}: ${text}`;
  return b;
}
