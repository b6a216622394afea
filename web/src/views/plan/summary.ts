import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { money, percent } from '../../lib/money';
import type { Plan } from '../../lib/types';
import { card } from '../../lib/widgets';
import { vehicleCounts } from './vehicles';

/** Physical vehicles per mode: a flight shared by several trips counts once (totals.vehiclesByMode counts legs). */
function vehiclesCard(plan: Plan): HTMLElement {
  const v = vehicleCounts(plan);
  const total = v.byMode.bus + v.byMode.train + v.byMode.flight;
  const note = [t('vehicleCounts', v.byMode), v.shared ? ` · ${t('physicalVehiclesNote', { n: v.shared })}` : ''];
  const el = card(t('physicalVehicles'), total, note.join(''));
  el.dataset.testid = 'vehicle-count';
  return el;
}

/** Summary cards: workers, trips per mode, vehicles, seat utilisation, cost and subsidy (integer fen → yuan). */
export function planSummary(plan: Plan): HTMLElement {
  const x = plan.totals;
  const modes = (['bus', 'train', 'flight'] as const).map((m) =>
    h('span', { class: `mode-count ${m}` }, h('span', { class: 'n' }, x.tripsByMode[m] ?? 0), ' ', t(`mode_${m}`)),
  );
  return h(
    'section',
    { class: 'cards', 'aria-label': t('planTitle'), 'data-testid': 'plan-summary' },
    card(t('workers'), x.workers, t('travelling', { n: x.travelling, m: x.held })),
    card(t('tripsPerMode'), h('span', { class: 'modes' }, modes), t('tripsN', { n: x.trips })),
    card(
      t('seatUse'),
      percent(x.seatsUsed, x.seatsOffered),
      t('seatsOf', { used: x.seatsUsed, offered: x.seatsOffered }),
    ),
    vehiclesCard(plan),
    card(t('totalCost'), money(x.costFen), null, 'money'),
    card(t('totalSubsidy'), money(x.subsidyFen ?? 0), null, 'money'),
  );
}
