import '../styles/fleet.css';
import { fill, field, h, option } from '../lib/dom';
import { t } from '../lib/i18n';
import { me } from '../lib/session';
import { busy, errorBox, pageHeader, statusLine, table } from '../lib/widgets';
import type { ViewContext } from '../router';
import {
  addFleet,
  listFleet,
  type DriverView,
  type FleetKind,
  type OperatorView,
  type VehicleView,
} from './fleet/fleet-api';

interface Fleet {
  operators: OperatorView[];
  vehicles: VehicleView[];
  drivers: DriverView[];
}

const input = (name: string, attrs: Record<string, unknown> = {}) =>
  h('input', { name, autocomplete: 'off', required: true, ...attrs });

/** The county field: a dispatcher of one county needs none; several counties (or admin) choose or type it. */
function countyField(): HTMLDivElement | null {
  const scopes = me()?.scopes ?? [];
  if (scopes.length === 1) return null;
  const control = scopes.length
    ? h(
        'select',
        { name: 'countyCode', required: true },
        scopes.map((c) => option(c, c)),
      )
    : input('countyCode', { inputmode: 'numeric', pattern: '\\d{6}' });
  return field(t('fleetCounty'), control);
}

/** A small form that posts its fields (numbers for `numeric`) and says what it saved. */
function entryForm(
  kind: FleetKind,
  title: string,
  fields: (HTMLDivElement | null)[],
  submit: string,
  numeric: string[],
  onSaved: () => Promise<void>,
  status: ReturnType<typeof statusLine>,
): HTMLElement {
  const button = h('button', { type: 'submit', class: 'primary' }, submit);
  const form = h('form', { class: 'fleet-form', 'aria-label': submit }, fields, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.clear();
    const body: Record<string, unknown> = {};
    for (const [k, v] of new FormData(form).entries()) {
      if (typeof v !== 'string' || v.trim() === '') continue;
      body[k] = numeric.includes(k) ? Number(v) : v.trim();
    }
    try {
      const saved = await busy(button, t('fleetSaving'), () => addFleet<{ name?: string; plate?: string }>(kind, body));
      // The page is drawn again with the new record; the outcome is said in the page's one status line.
      await onSaved();
      status.ok(t('fleetSaved', { name: saved.plate ?? saved.name ?? '' }));
    } catch (err) {
      status.fail(errorBox(err));
    }
  });
  return h('div', null, h('h3', null, title), form);
}

const operatorSelect = (ops: OperatorView[]) =>
  field(
    t('fleetOperator'),
    h(
      'select',
      { name: 'operatorId', required: true },
      ops.map((o) => option(o.id, o.name)),
    ),
  );

function lists(f: Fleet): HTMLElement[] {
  const none = (n: number, cols: number) =>
    n ? [] : [h('tr', null, h('td', { colspan: String(cols), class: 'muted' }, t('fleetNone')))];
  return [
    table(
      t('fleetOperators'),
      [t('fleetOperatorName'), t('fleetContactName'), t('fleetContactPhone')],
      [
        ...f.operators.map((o) =>
          h(
            'tr',
            null,
            h('td', null, o.name),
            h('td', null, o.contactName ?? ''),
            h('td', { class: 'mono' }, o.contactPhone ?? ''),
          ),
        ),
        ...none(f.operators.length, 3),
      ],
      'compact',
    ),
    table(
      t('fleetVehicles'),
      [t('fleetPlate'), t('fleetVehicleType'), [t('fleetSeats'), 'num'], t('fleetOperator')],
      [
        ...f.vehicles.map((v) =>
          h(
            'tr',
            { 'data-vehicle-id': v.id },
            h('td', { class: 'mono' }, v.plate),
            h('td', null, v.vehicleType),
            h('td', { class: 'num' }, v.seats),
            h('td', null, v.operatorName),
          ),
        ),
        ...none(f.vehicles.length, 4),
      ],
      'compact',
    ),
    table(
      t('fleetDrivers'),
      [t('fleetDriverName'), t('fleetLicence'), t('fleetPhone'), t('fleetOperator')],
      [
        ...f.drivers.map((d) =>
          h(
            'tr',
            { 'data-driver-id': d.id },
            h('td', null, d.name),
            h('td', { class: 'mono' }, d.licence),
            h('td', { class: 'mono' }, d.phone),
            h('td', null, d.operatorName),
          ),
        ),
        ...none(f.drivers.length, 4),
      ],
      'compact',
    ),
  ];
}

/**
 * The county's fleet: operators (with the emergency contact printed on vehicle plans), vehicles and drivers, each
 * entered with a small form and listed beside it, phones and licences masked.
 */
export async function fleetView(ctx: ViewContext): Promise<void> {
  ctx.setTitle(t('fleetTitle'));
  const load = async (): Promise<Fleet> => {
    const [operators, vehicles, drivers] = await Promise.all([
      listFleet<OperatorView>('operators', ctx.signal),
      listFleet<VehicleView>('vehicles', ctx.signal),
      listFleet<DriverView>('drivers', ctx.signal),
    ]);
    return { operators, vehicles, drivers };
  };
  // Kept across redraws, so the outcome of a save stays on screen.
  const status = statusLine();
  const render = (f: Fleet): void => {
    const reload = async () => render(await load());
    const forms = [
      entryForm(
        'operators',
        t('fleetOperators'),
        [
          countyField(),
          field(t('fleetOperatorName'), input('name', { maxlength: '100' })),
          field(t('fleetContactName'), input('contactName', { required: false, maxlength: '50' })),
          field(t('fleetContactPhone'), input('contactPhone', { required: false, type: 'tel', inputmode: 'tel' })),
        ],
        t('fleetAddOperator'),
        [],
        reload,
        status,
      ),
    ];
    if (f.operators.length)
      forms.push(
        entryForm(
          'vehicles',
          t('fleetVehicles'),
          [
            countyField(),
            operatorSelect(f.operators),
            field(t('fleetPlate'), input('plate', { maxlength: '12' }), t('fleetPlateHint')),
            field(t('fleetVehicleType'), input('vehicleType', { maxlength: '40' })),
            field(t('fleetSeats'), input('seats', { type: 'number', min: '1', max: '120', inputmode: 'numeric' })),
          ],
          t('fleetAddVehicle'),
          ['seats'],
          reload,
          status,
        ),
        entryForm(
          'drivers',
          t('fleetDrivers'),
          [
            countyField(),
            operatorSelect(f.operators),
            field(t('fleetDriverName'), input('name', { maxlength: '50' })),
            field(t('fleetLicence'), input('licence', { maxlength: '18' })),
            field(t('fleetPhone'), input('phone', { type: 'tel', inputmode: 'tel' })),
          ],
          t('fleetAddDriver'),
          [],
          reload,
          status,
        ),
      );
    else forms.push(h('p', { class: 'muted' }, t('fleetNeedOperator')));
    fill(
      ctx.root,
      pageHeader(t('fleetTitle'), h('p', { class: 'muted' }, t('fleetHelp'))),
      status,
      h(
        'div',
        { class: 'columns' },
        h('section', { class: 'panel fleet-forms' }, forms),
        h(
          'section',
          { class: 'panel fleet-lists' },
          lists(f).map((x) => h('div', { class: 'scroll-x' }, x)),
        ),
      ),
    );
  };
  render(await load());
  ctx.ready('fleet');
}
