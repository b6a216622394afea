import { field, h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { provinceCounties } from '../../lib/places';
import type { Me } from '../../lib/session';
import { busy, statusLine } from '../../lib/widgets';
import { countySearch } from './county-search';
import { factoryErrorBox, refusedFields } from './factory-errors';
import { registerFactory, type County, type FactoryView, type Registration } from './factories-api';
import { placementMap, round6, type LonLat } from './placement-map';

export interface RegisterFormOptions {
  who: Me;
  provinceName(code: string): string;
  countyLabel(code: string): string;
  onRegistered(f: FactoryView): void;
}

const text = (max: number, name: string) => h('input', { type: 'text', name, maxlength: max, class: 'wide' });
const coordinate = (name: 'lon' | 'lat') =>
  h('input', {
    type: 'number',
    name,
    step: 'any',
    inputmode: 'decimal',
    min: name === 'lon' ? -180 : -90,
    max: name === 'lon' ? 180 : 90,
    class: 'coordinate',
  });
const numberIn = (i: HTMLInputElement): number | null => (i.value.trim() === '' ? null : Number(i.value));
const optional = (i: HTMLInputElement | HTMLTextAreaElement) => i.value.trim() || undefined;

/**
 * Registers a factory: the county by search, the place on the map (or typed), then its name and contacts. The
 * server decides whether the place lies near enough to the county; its refusal is shown in the reader's words.
 */
export function registerForm(o: RegisterFormOptions): { el: HTMLElement; setFactories(fs: FactoryView[]): void } {
  let county: County | null = null;
  const lon = coordinate('lon'),
    lat = coordinate('lat');
  const map = placementMap((p) => {
    lon.value = String(p.lon);
    lat.value = String(p.lat);
    [lon, lat].forEach((i) => i.removeAttribute('aria-invalid'));
  });
  const seatNote = h('p', { class: 'small muted seat-note', 'aria-live': 'polite' });
  const search = countySearch({
    provinceName: o.provinceName,
    allowed: (code) => o.who.role === 'admin' || o.who.scopes.includes(code),
    onChoose(c) {
      county = c;
      lon.value = lat.value = '';
      seatNote.textContent = c.seatApproximate ? t('seatApprox') : '';
      map.show(c);
      void provinceCounties(c.provinceCode).then(
        (all) => county === c && map.setNearby(all),
        () => undefined, // nearby seats are for orientation only
      );
    },
  });
  const name = text(100, 'name'),
    address = text(200, 'address'),
    contact = text(200, 'contact');
  const gate = h('textarea', { name: 'gate', maxlength: 500, rows: 3, class: 'wide' });
  const typed = () => {
    const x = numberIn(lon),
      y = numberIn(lat);
    if (x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y)) map.setMarker({ lon: x, lat: y });
  };
  lon.addEventListener('change', typed);
  lat.addEventListener('change', typed);

  const submit = h('button', { type: 'submit', class: 'primary' }, t('register'));
  const flash = statusLine();
  const outcome = h('div', { class: 'register-outcome' });
  const form = h(
    'form',
    { class: 'register-form', novalidate: true, 'aria-labelledby': 'register-title' },
    h('div', { class: 'register-county' }, search.el, seatNote),
    h('div', { class: 'register-map' }, map.el),
    h(
      'div',
      { class: 'register-fields' },
      field(t('factoryName'), name),
      field(t('address'), address),
      field(t('contact'), contact),
      field(t('gate'), gate, t('gateHint')),
      h(
        'fieldset',
        { class: 'coordinates' },
        h('legend', null, t('location')),
        field(t('lon'), lon),
        field(t('lat'), lat),
        h('small', { class: 'hint' }, t('coordsHint')),
      ),
      h('div', { class: 'actions' }, submit),
      flash,
      outcome,
    ),
  );

  const missing = (): [HTMLElement, string] | null => {
    if (!county || !search.chosen()) return [search.input, t('needCounty')];
    if (!name.value.trim()) return [name, t('needName')];
    const x = numberIn(lon),
      y = numberIn(lat);
    if (x === null || !Number.isFinite(x)) return [lon, t('needCoords')];
    if (y === null || !Number.isFinite(y)) return [lat, t('needCoords')];
    return null;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  async function send(): Promise<void> {
    flash.clear();
    outcome.replaceChildren();
    const problem = missing();
    if (problem) {
      problem[0].setAttribute('aria-invalid', 'true');
      flash.fail(problem[1]);
      problem[0].focus();
      return;
    }
    [search.input, name, address, contact, gate, lon, lat].forEach((i) => i.removeAttribute('aria-invalid'));
    const at: LonLat = { lon: round6(Number(lon.value)), lat: round6(Number(lat.value)) };
    const body: Registration = {
      name: name.value.trim(),
      countyCode: county!.code,
      ...at,
      address: optional(address),
      contact: optional(contact),
      gate: optional(gate),
    };
    try {
      const f = await busy(submit, t('registering'), () => registerFactory(body));
      flash.ok(t('registered', { name: f.name, id: f.id }));
      [name, address, contact, gate, lon, lat].forEach((i) => (i.value = ''));
      map.setMarker(null);
      o.onRegistered(f);
    } catch (err) {
      const fields = refusedFields(err);
      const controls = { name, lon, lat, address, contact, gate, countyCode: search.input } as Record<string, Element>;
      for (const f of fields) controls[f]?.setAttribute('aria-invalid', 'true');
      // The placement rule names the longitude only; the point is both numbers.
      if (fields.includes('lon')) lat.setAttribute('aria-invalid', 'true');
      outcome.append(factoryErrorBox(err, { countyCode: body.countyCode, countyLabel: o.countyLabel }));
    }
  }

  const el = h(
    'section',
    { class: 'panel register' },
    h('h2', { id: 'register-title' }, t('registerTitle')),
    h('p', { class: 'muted' }, t('registerHelp')),
    form,
  );
  return { el, setFactories: (fs) => map.setFactories(fs) };
}
