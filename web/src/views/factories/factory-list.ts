import { field, h } from '../../lib/dom';
import { placeName, t } from '../../lib/i18n';
import { fullTime } from '../../lib/time';
import { busy, statusLine } from '../../lib/widgets';
import { factoryErrorBox } from './factory-errors';
import { updateFactory, type FactoryView } from './factories-api';

export interface FactoryListOptions {
  countyLabel(code: string): string;
  /** A factory's details were saved: the answer, as the server now holds them. */
  onChanged(f: FactoryView): void;
}

const COLUMNS = 7;
// One wrapper per cell: on phones the cell is a grid of the column's name and this.
const cell = (label: string, ...content: (Node | string)[]) =>
  h('td', { 'data-label': label }, h('div', null, ...content));
const orDash = (x: string | null) => x || '—';

/** The contact and gate of one factory, edited in a row under it; Escape or Cancel gives the focus back. */
function editRow(f: FactoryView, opener: HTMLButtonElement, o: FactoryListOptions, close: () => void): HTMLElement {
  const contact = h('input', { type: 'text', name: 'contact', maxlength: 200, class: 'wide', value: f.contact ?? '' });
  const gate = h('textarea', { name: 'gate', maxlength: 500, rows: 3, class: 'wide' }, f.gate ?? '');
  const save = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const flash = statusLine();
  const form = h(
    'form',
    { class: 'details-form', 'aria-label': t('editDetailsFor', { name: placeName(f) }) },
    field(t('contact'), contact),
    field(t('gate'), gate, t('gateHint')),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', onclick: () => close() }, t('cancel'))),
    flash,
  );
  form.addEventListener('keydown', (e) => e.key === 'Escape' && close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    flash.clear();
    const u = { contact: contact.value.trim() || undefined, gate: gate.value.trim() || undefined };
    if (!u.contact && !u.gate) {
      flash.fail(t('needDetail'));
      contact.focus();
      return;
    }
    void busy(save, t('loading'), () => updateFactory(f.id, u)).then(
      (saved) => {
        o.onChanged(saved);
        opener.focus();
      },
      (err) => flash.fail(factoryErrorBox(err, { countyLabel: o.countyLabel })),
    );
  });
  queueMicrotask(() => contact.focus());
  return h('tr', { class: 'edit-row' }, h('td', { colspan: COLUMNS }, form));
}

/** The factories the key can see, newest registrations marked; each row's contact and gate can be edited. */
export function factoryList(o: FactoryListOptions): {
  el: HTMLElement;
  render(fs: FactoryView[], fresh?: string): void;
} {
  const body = h('div', { class: 'factory-list' });
  const count = h('span', { class: 'count' });
  const el = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'factories-list-title' },
    h('h2', { id: 'factories-list-title' }, t('factoriesListTitle'), ' ', count),
    body,
  );
  function row(f: FactoryView, fresh: boolean): HTMLElement {
    const edit: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'small',
        'aria-expanded': 'false',
        'aria-label': t('editDetailsFor', { name: placeName(f) }),
      },
      t('edit'),
    );
    const tr = h(
      'tr',
      { 'data-factory-id': f.id, class: fresh ? 'fresh' : null },
      cell(t('factory'), h('span', { class: 'strong' }, placeName(f)), h('br'), h('code', { class: 'small' }, f.id)),
      cell(t('county'), f.countyCode ? o.countyLabel(f.countyCode) : f.city),
      cell(t('location'), h('span', { class: 'mono small' }, `${f.lon.toFixed(5)}, ${f.lat.toFixed(5)}`)),
      cell(t('address'), orDash(f.address)),
      cell(t('contact'), orDash(f.contact)),
      cell(t('gate'), h('span', { class: 'gate-text' }, orDash(f.gate))),
      cell(
        t('actions'),
        edit,
        f.registeredAt ? h('small', { class: 'muted registered-at' }, fullTime(f.registeredAt)) : '',
      ),
    );
    edit.addEventListener('click', () => {
      const open = tr.nextElementSibling?.classList.contains('edit-row');
      if (open) {
        tr.nextElementSibling!.remove();
        edit.setAttribute('aria-expanded', 'false');
        return;
      }
      edit.setAttribute('aria-expanded', 'true');
      tr.after(
        editRow(f, edit, o, () => {
          if (tr.nextElementSibling?.classList.contains('edit-row')) tr.nextElementSibling.remove();
          edit.setAttribute('aria-expanded', 'false');
          edit.focus();
        }),
      );
    });
    return tr;
  }
  return {
    el,
    render(fs, fresh) {
      count.textContent = String(fs.length);
      if (!fs.length) {
        body.replaceChildren(h('p', { class: 'muted' }, t('factoriesEmpty')));
        return;
      }
      const heads = [t('factory'), t('county'), t('location'), t('address'), t('contact'), t('gate'), t('actions')];
      body.replaceChildren(
        h(
          'table',
          { class: 'data factories-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              heads.map((x) => h('th', { scope: 'col' }, x)),
            ),
          ),
          h(
            'tbody',
            null,
            fs.map((f) => row(f, f.id === fresh)),
          ),
        ),
      );
    },
  };
}
