import { getJson } from '../lib/api';
import { fill, h, newId, option } from '../lib/dom';
import { t } from '../lib/i18n';
import { countyName, factoryName } from '../lib/place-names';
import { indexPlaces, places as loadPlaces, type PlaceIndex } from '../lib/places';
import { fullTime } from '../lib/time';
import type { BatchStatus, BoardingView, Plan, Trip } from '../lib/types';
import { errorBox, statusLine } from '../lib/widgets';
import type { ViewContext } from '../router';
import { loadBoarding } from './boarding/boarding-api';
import { boardingVehicles, doorCounts, doorPassengers, type Draft } from './boarding/boarding-model';
import { sendChecks } from './boarding/send-checks';
import { doorList } from './boarding/door-list';
import { doorCountsBar, takenOffList } from './boarding/door-record';
import type { CheckCard } from './boarding/check-card';
import { loadPlan } from './plan/plan-api';
import { tripName } from './plan/vehicles';

interface DoorState {
  batchId: string;
  tripId: string;
  plan: Plan;
  trip: Trip;
  view: BoardingView;
  drafts: Map<string, Draft>;
  vehicle: string | null;
}

async function loadDoor(batchId: string, tripId: string, signal?: AbortSignal) {
  const [plan, view] = await Promise.all([loadPlan(batchId, signal), loadBoarding(tripId, signal)]);
  const trip = plan.trips.find((x) => x.id === tripId);
  if (!trip) throw new Error(t('boardingNotInPlan'));
  return { plan, trip, view };
}

/** The vehicle filter, when the trip's passengers board more than one vehicle (feeder buses). */
function vehicleFilter(s: DoorState, onChange: () => void): HTMLElement | null {
  const vehicles = boardingVehicles(doorPassengers(s.trip));
  if (vehicles.length < 2) return null;
  const id = newId('door-vehicle');
  const select = h(
    'select',
    { id },
    option('', t('boardingAllVehicles', { n: s.trip.passengers.length }), !s.vehicle),
    vehicles.map((v) => option(v.key, t('boardingVehicleOption', { vehicle: v.label, n: v.n }), v.key === s.vehicle)),
  );
  select.addEventListener('change', () => {
    s.vehicle = select.value || null;
    onChange();
  });
  return h('div', { class: 'field door-filter' }, h('label', { for: id }, t('boardingVehicleFilter')), select);
}

function pageHead(s: DoorState, batch: BatchStatus, ix: PlaceIndex): HTMLElement {
  const from = countyName(ix, s.trip.countyCode);
  const to = factoryName(ix, s.trip.factoryId);
  return h(
    'header',
    { class: 'page-header door-header' },
    h(
      'div',
      { class: 'door-links' },
      h('a', { href: `/batches/${s.batchId}`, class: 'button' }, `← ${t('boardingBackToPlan')}`),
      h('a', { href: `/batches/${s.batchId}/trips/${s.tripId}/manifest`, class: 'button' }, t('boardingManifest')),
    ),
    h('h1', null, t('boardingTitle', { trip: tripName(s.trip) })),
    h('p', { class: 'muted' }, batch.name, ' · ', t('boardingRoute', { from, to, time: fullTime(s.trip.departAt) })),
  );
}

/**
 * Boarding at the door (a tablet or phone): a card per passenger to enter temperature, mask and code colour, sent
 * one by one or a family at once; a failing check asks about the family; the counts, and who was taken off with
 * their seat freed, follow each answer.
 */
export async function boardingView(ctx: ViewContext): Promise<void> {
  const [batchId, tripId] = ctx.params;
  const [batch, first, ref] = await Promise.all([
    getJson<BatchStatus>(`/batches/${batchId}`, { signal: ctx.signal }),
    loadDoor(batchId, tripId, ctx.signal),
    loadPlaces(),
  ]);
  const s: DoorState = { batchId, tripId, ...first, drafts: new Map(), vehicle: null };
  const ix = indexPlaces(ref);
  ctx.setTitle(t('boardingTitle', { trip: tripName(s.trip) }));
  const status = statusLine();
  const counts = h('div', { class: 'door-counts-slot' });
  const filter = h('div', { class: 'door-filter-slot' });
  const list = h('div', { class: 'door-list-slot' });
  const record = h('div', { class: 'door-record-slot' });

  const draw = (focusAfter?: string[]) => {
    fill(counts, doorCountsBar(doorCounts(s.trip, s.view)));
    fill(
      filter,
      vehicleFilter(s, () => draw()),
    );
    const listing = doorList({ trip: s.trip, rules: s.view.rules, drafts: s.drafts, vehicle: s.vehicle, onSubmit });
    fill(list, listing.el);
    fill(record, takenOffList(s.view));
    if (!focusAfter) return;
    syncBar();
    nextCard(listing.cards, focusAfter)?.focus();
  };
  const onSubmit = (cards: CheckCard[], button: HTMLButtonElement) => {
    const order = doorPassengers(s.trip).map((d) => d.p.workerId);
    void sendChecks({ s, cards, button, status }).then(async (done) => {
      if (!done) return;
      try {
        Object.assign(s, await loadDoor(batchId, tripId, ctx.signal));
      } catch (e) {
        if ((e as Error).name !== 'AbortError') status.fail(h('span', null, done.message, ' ', errorBox(e, ix)));
        return;
      }
      // Said with the counts and cards that show it (one task: the page never shows one without the other).
      status.ok(done.message);
      // The next one to check is the first still unchecked after the last sent, in the order of the door.
      const last = done.sent[done.sent.length - 1];
      draw(order.slice(order.indexOf(last) + 1).concat(order));
    });
  };

  const bar = h('div', { class: 'door-bar' }, counts, status);
  const door = h(
    'article',
    { class: 'door', 'data-testid': 'boarding' },
    pageHead(s, batch, ix),
    bar,
    filter,
    list,
    record,
  );
  // The cards' scroll margin: the sticky bar's height, which grows with the last answer's message.
  const syncBar = () => door.style.setProperty('--door-bar', `${bar.offsetHeight}px`);
  new ResizeObserver(syncBar).observe(bar);
  fill(ctx.root, door);
  draw();
  ctx.ready('boarding');
}

const nextCard = (cards: Map<string, CheckCard>, order: string[]): CheckCard | undefined =>
  order.map((id) => cards.get(id)).find(Boolean);
