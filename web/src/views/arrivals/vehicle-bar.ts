import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { factoryName } from '../../lib/place-names';
import type { PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import { badge, modeBadge, statusLine } from '../../lib/widgets';
import { tripName } from './filters';
import type { ArrivalVehicle } from './query';
import type { StatusLine } from './rows';

export interface VehicleBar {
  element: HTMLElement;
  line: StatusLine;
  heading: HTMLElement;
  /** New counts after confirmations (the outcome on `line` stays). */
  update(v: ArrivalVehicle): void;
}

const waitingOf = (v: ArrivalVehicle) => v.counts.expected + v.counts['no-show'];

/**
 * The trip chosen in the filter: what it is, how many have arrived, and one button for everyone still waiting on
 * it (on every page and tab).
 */
export function vehicleBar(v: ArrivalVehicle, ix: PlaceIndex, confirmAll: (b: HTMLButtonElement) => void): VehicleBar {
  const line = statusLine();
  const heading = h('h2', { tabindex: '-1' }, tripName(v), ' ', modeBadge(v.mode));
  const count = h('p', { class: 'vehicle-count' });
  const all = h('button', { type: 'button', class: 'primary confirm-all' });
  all.addEventListener('click', () => confirmAll(all));
  const actions = h('div', { class: 'vehicle-actions' });
  const update = (x: ArrivalVehicle) => {
    const total = waitingOf(x) + x.counts.arrived;
    count.replaceChildren(h('strong', null, t('arrivalsVehicleArrived', { arrived: x.counts.arrived, total })));
    all.replaceChildren(t('arrivalsConfirmWaiting', { n: waitingOf(x) }));
    actions.replaceChildren(waitingOf(x) ? all : badge(t('allArrived'), 'ok'));
  };
  update(v);
  const element = h(
    'section',
    { class: 'vehicle-bar panel', 'data-trip-id': v.tripId, 'aria-label': tripName(v) },
    h(
      'header',
      { class: 'vehicle-head' },
      heading,
      h('p', { class: 'muted' }, `${factoryName(ix, v.factoryId)} · ${t('expectedAt')} ${fullTime(v.expectedAt)}`),
      count,
    ),
    actions,
    line,
  );
  return { element, line, heading, update };
}
