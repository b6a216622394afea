import { field, h, option } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { factoryName } from '../../lib/place-names';
import type { PlaceIndex } from '../../lib/places';
import { fullTime } from '../../lib/time';
import { pathOf, TABS, type ArrivalsState, type ArrivalVehicle, type ExpectedArrivalsAnswer } from './query';

/** How people know a trip: trip keys repeat across batches, so the batch's name goes with it (and a label if any). */
export const tripName = (v: Pick<ArrivalVehicle, 'batchName' | 'tripKey' | 'vehicleLabel'>): string =>
  [v.batchName, v.tripKey, v.vehicleLabel].filter(Boolean).join(' · ');

const everyone = (v: ArrivalVehicle) => v.counts.expected + v.counts.arrived + v.counts['no-show'];

/** The tabs: links to each status with its count under the other filters; the page's own marked current. */
export function tabsNav(s: ArrivalsState, data: ExpectedArrivalsAnswer | null): HTMLElement {
  return h(
    'nav',
    { class: 'arrival-tabs', 'aria-label': t('arrivalsTabs') },
    TABS.map((tab) =>
      h(
        'a',
        {
          href: pathOf({ ...s, tab, offset: 0 }),
          class: `arrival-tab ${tab}`,
          'aria-current': tab === s.tab ? 'page' : false,
        },
        t(`arrivalsTab_${tab}`, { n: data ? data.tabs[tab] : '…' }),
      ),
    ),
  );
}

export interface FilterForm {
  form: HTMLFormElement;
  /** Fills the trip choices from an answer (keeping the one chosen, even when no one of it matches any more). */
  setVehicles(vehicles: readonly ArrivalVehicle[]): void;
}

/** Search, trip, day and factory; submitting starts at the first page of the same tab. */
export function filterForm(
  s: ArrivalsState,
  factories: readonly string[],
  ix: PlaceIndex,
  go: (next: ArrivalsState) => void,
): FilterForm {
  const q = h('input', { type: 'search', name: 'q', value: s.q, autocomplete: 'off', maxlength: '40' });
  const vehicle = h('select', { name: 'vehicle' }, option('', t('arrivalsAnyVehicle')));
  const day = h('input', { type: 'date', name: 'day', value: s.day });
  const factory = h(
    'select',
    { name: 'factory' },
    option('', t('all')),
    factories.map((f) => option(f, factoryName(ix, f), s.factory === f)),
  );
  const clear = h('button', { type: 'button', class: 'link-button' }, t('arrivalsClear'));
  const form = h(
    'form',
    { class: 'filters panel arrival-filters', role: 'search' },
    field(t('arrivalsSearch'), q, t('arrivalsSearchHint')),
    field(t('arrivalsVehicle'), vehicle),
    field(t('day'), day),
    factories.length > 1 ? field(t('factory'), factory) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('show')), clear),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ ...s, q: q.value.trim(), vehicle: vehicle.value, day: day.value, factory: factory.value, offset: 0 });
  });
  clear.addEventListener('click', () => go({ tab: s.tab, q: '', vehicle: '', day: '', factory: '', offset: 0 }));
  return {
    form,
    setVehicles(vehicles) {
      const chosen = vehicle.value || s.vehicle;
      const known = vehicles.some((v) => v.tripId === chosen);
      const options = vehicles.map((v) =>
        option(
          v.tripId,
          t('arrivalsVehicleOption', { vehicle: tripName(v), time: fullTime(v.expectedAt), n: everyone(v) }),
          v.tripId === chosen,
        ),
      );
      // A trip named in the address by key, or with no one left under the filters, stays choosable.
      if (chosen && !known) options.push(option(chosen, chosen, true));
      vehicle.replaceChildren(option('', t('arrivalsAnyVehicle')), ...options);
    },
  };
}
