import '../../styles/fleet.css';
import { fill, h, newId, option } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { Trip } from '../../lib/types';
import { busy, errorBox, loadingLine, statusLine } from '../../lib/widgets';
import { labelOf, tripName, type TripLeg } from '../plan/vehicles';
import { crewError } from './crew-errors';
import { assignCrew, listFleet, loadCrew, type DriverView, type LegCrewView, type VehicleView } from './fleet-api';

const crewText = (c: LegCrewView) => ({ plate: c.vehicle.plate, drivers: c.drivers.map((d) => d.name).join('、') });

/** One road leg: a vehicle of the trip's county, its drivers (checkboxes) and a save button. */
function legForm(
  trip: Trip,
  leg: TripLeg,
  fleet: { vehicles: VehicleView[]; drivers: DriverView[] },
  crew: LegCrewView | undefined,
): HTMLElement {
  const status = statusLine();
  if (crew) status.ok(t('crewCurrent', crewText(crew)));
  const vehicle = h(
    'select',
    { id: newId('crew-vehicle'), name: 'vehicleId' },
    option('', t('crewChooseVehicle')),
    fleet.vehicles.map((v) =>
      option(
        v.id,
        t('crewVehicleOption', { plate: v.plate, type: v.vehicleType, seats: v.seats }),
        crew?.vehicle.id === v.id,
      ),
    ),
  );
  const chosen = new Set(crew?.drivers.map((d) => d.id));
  const boxes = fleet.drivers.map((d) => {
    const box = h('input', { type: 'checkbox', id: newId('crew-driver'), value: d.id, checked: chosen.has(d.id) });
    return { box, el: h('label', { for: box.id, class: 'check' }, box, ` ${d.name} ${d.phone}`) };
  });
  const save = h('button', { type: 'button', class: 'primary' }, t('crewSave'));
  save.addEventListener('click', async () => {
    status.clear();
    const driverIds = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    if (!vehicle.value || !driverIds.length) return status.fail(t('crewNeedChoice'));
    try {
      const got = await busy(save, t('fleetSaving'), () =>
        assignCrew(trip.id, leg.seq, { vehicleId: vehicle.value, driverIds }),
      );
      status.ok(t('crewSaved', crewText(got)));
    } catch (e) {
      status.fail(crewError(e));
    }
  });
  const legend = t('crewLeg', { n: leg.seq + 1, vehicle: labelOf(trip, leg), passengers: leg.passengerIds.length });
  return h(
    'fieldset',
    { class: 'crew-leg', 'data-leg-seq': String(leg.seq) },
    h('legend', null, legend),
    h('div', { class: 'field' }, h('label', { for: vehicle.id }, t('crewVehicle')), vehicle),
    h(
      'fieldset',
      { class: 'crew-drivers' },
      h('legend', null, t('crewDrivers')),
      boxes.map((b) => b.el),
    ),
    h('div', { class: 'actions' }, save),
    status,
  );
}

/** Fills the dialog with a form per road leg, the county's fleet and each leg's present crew. */
async function fillDialog(body: HTMLElement, trip: Trip): Promise<void> {
  fill(body, loadingLine());
  const buses = trip.legs.filter((l) => l.mode === 'bus');
  if (!buses.length) return fill(body, h('p', null, t('crewNoBusLeg')));
  try {
    const [vehicles, drivers, crew] = await Promise.all([
      listFleet<VehicleView>('vehicles'),
      listFleet<DriverView>('drivers'),
      loadCrew(trip.id),
    ]);
    const mine = { vehicles: vehicles.filter((v) => v.countyCode === trip.countyCode), drivers: [] as DriverView[] };
    mine.drivers = drivers.filter((d) => d.countyCode === trip.countyCode);
    if (!mine.vehicles.length || !mine.drivers.length)
      return fill(body, h('p', null, t('crewNoFleet'), ' ', h('a', { href: '/fleet' }, t('navFleet'))));
    fill(
      body,
      buses.map((l) =>
        legForm(
          trip,
          l,
          mine,
          crew.crews.find((c) => c.legSeq === l.seq),
        ),
      ),
    );
  } catch (e) {
    fill(body, errorBox(e));
  }
}

/**
 * A trip's crew actions on the plan page: the printable vehicle plan, and a button opening a dialog to assign a
 * vehicle and drivers to each road leg (the dialog sits in the top layer, so it needs no room in the toolbar).
 */
export function tripCrewActions(batchId: string, trip: Trip): Node[] {
  const name = tripName(trip);
  const titleId = newId('crew-title');
  const body = h('div', { class: 'crew-body' });
  const close = h('button', { type: 'button' }, t('crewClose'));
  const dialog = h(
    'dialog',
    { class: 'crew-dialog', 'aria-labelledby': titleId, 'data-testid': 'crew-dialog' },
    h('h2', { id: titleId }, t('crewDialogTitle', { trip: name })),
    body,
    h('div', { class: 'actions' }, close),
  );
  close.addEventListener('click', () => dialog.close());
  const open = h(
    'button',
    { type: 'button', 'aria-label': t('crewAssignFor', { trip: name }), 'aria-haspopup': 'dialog' },
    t('crewAssign'),
  );
  open.addEventListener('click', () => {
    dialog.showModal();
    void fillDialog(body, trip);
  });
  const plan = h(
    'a',
    {
      class: 'button',
      href: `/batches/${batchId}/trips/${trip.id}/vehicle-plan`,
      'aria-label': t('vehiclePlanOpen', { trip: name }),
    },
    t('vehiclePlan'),
  );
  const manifest = h(
    'a',
    {
      class: 'button',
      href: `/batches/${batchId}/trips/${trip.id}/driver-manifest`,
      'aria-label': t('driverManifestOpen', { trip: name }),
    },
    t('driverManifest'),
  );
  return [plan, manifest, open, dialog];
}
