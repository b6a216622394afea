import { getJson } from '../../lib/api';
import { field, fill, h, option } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { villageName } from '../../lib/place-names';
import type { PlaceIndex } from '../../lib/places';
import { fromLocalInput } from '../../lib/time';
import type { HealthCode, HeldWorker } from '../../lib/types';
import { badge, busy, errorBox, statusLine, table } from '../../lib/widgets';
import { heldDetail } from '../batches/intake-errors';

interface HealthResult {
  workerId: string;
  status: string;
  placed: boolean;
  tripKey?: string | null;
  holdCode?: string | null;
  reason?: string | null;
}

/** Holds a new health status can clear (as in src/services/update-health.ts); others get no form. */
const HEALTH_HOLDS = new Set([
  'health-code-yellow',
  'health-code-red',
  'health-code-unrecognised',
  'nucleic-test-missing',
  'nucleic-test-expired',
  'family-member-held',
  'boarding-check-failed',
]);

const holdLabel = (code: string): string => tOr(`hold_${code.replace(/-/g, '_')}`, code);

/**
 * Held workers with their reasons, worded from each hold's code and params (`ix` names the provinces); a
 * dispatcher can record a new health status for one (PATCH /workers/:id/health).
 */
export function heldList(
  held: HeldWorker[],
  editable: boolean,
  onChanged: (message: string) => void,
  ix?: PlaceIndex,
): HTMLElement {
  const status = statusLine();
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'held-title', 'data-testid': 'held-list' },
    h('h2', { id: 'held-title' }, t('heldTitle'), ' ', h('span', { class: 'count' }, held.length)),
    status,
  );
  if (!held.length) {
    section.append(h('p', { class: 'muted' }, t('heldEmpty')));
    return section;
  }
  const headers: (string | [string, string])[] = [
    [t('row'), 'num'],
    t('name'),
    t('idNumber'),
    t('village'),
    t('healthCode'),
    t('reason'),
  ];
  if (editable) headers.push('');
  const rows = held.flatMap((w) => {
    const formRow = h('tr', { class: 'form-row', hidden: true }, h('td', { colspan: String(headers.length) }));
    const cells = [
      h('td', { class: 'num' }, w.row),
      h('td', null, w.name),
      h('td', { class: 'mono' }, w.idNumber),
      h('td', null, villageName(w.village)),
      h(
        'td',
        null,
        badge(
          tOr(`health_${w.healthCode}`, w.healthCode),
          w.healthCode === 'green' ? 'ok' : w.healthCode === 'red' ? 'bad' : 'warn',
        ),
      ),
      h(
        'td',
        null,
        h('strong', null, holdLabel(w.code ?? '')),
        h('br'),
        h('span', { class: 'muted small' }, heldDetail(w, ix)),
      ),
    ];
    if (editable && !HEALTH_HOLDS.has(w.code ?? '')) cells.push(h('td'));
    else if (editable) {
      const open = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false' }, t('updateHealth'));
      open.addEventListener('click', () => {
        const show = formRow.hidden;
        formRow.hidden = !show;
        open.setAttribute('aria-expanded', String(show));
        if (show) {
          fill(
            formRow.firstElementChild!,
            healthForm(w, status, onChanged, ix, () => {
              formRow.hidden = true;
              open.setAttribute('aria-expanded', 'false');
              open.focus();
            }),
          );
          (formRow.querySelector('select') as HTMLSelectElement | null)?.focus();
        }
      });
      cells.push(h('td', null, open));
    }
    return [h('tr', { 'data-worker-id': w.workerId, 'data-hold-code': w.code }, cells), formRow];
  });
  section.append(reasonFilter(held, rows), h('div', { class: 'scroll-x' }, table(null, headers, rows, 'held')));
  return section;
}

/** Chips with the count per hold reason; choosing one shows only those workers. */
function reasonFilter(held: HeldWorker[], rows: HTMLTableRowElement[]): HTMLElement {
  const counts = new Map<string, number>();
  for (const w of held) counts.set(w.code ?? '', (counts.get(w.code ?? '') ?? 0) + 1);
  const chips: HTMLButtonElement[] = [];
  const choose = (code: string | null, chip: HTMLButtonElement) => {
    chips.forEach((c) => c.setAttribute('aria-pressed', String(c === chip)));
    for (const tr of rows) {
      if (tr.classList.contains('form-row')) {
        if (code) tr.hidden = true;
        continue;
      }
      tr.hidden = !!code && tr.dataset.holdCode !== code;
    }
  };
  const chip = (code: string | null, label: string, n: number) => {
    const b = h('button', { type: 'button', 'aria-pressed': String(code === null) }, `${label} ${n}`);
    b.addEventListener('click', () => choose(code, b));
    chips.push(b);
    return h('li', null, b);
  };
  return h(
    'ul',
    { class: 'held-filter', 'aria-label': t('reason') },
    chip(null, t('all'), held.length),
    [...counts].sort((a, b) => b[1] - a[1]).map(([code, n]) => chip(code, holdLabel(code), n)),
  );
}

function healthForm(
  w: HeldWorker,
  sectionStatus: ReturnType<typeof statusLine>,
  onChanged: (m: string) => void,
  ix: PlaceIndex | undefined,
  close: () => void,
): HTMLFormElement {
  const code = h(
    'select',
    { name: 'healthCode' },
    (['green', 'yellow', 'red'] as HealthCode[]).map((c) => option(c, t(`health_${c}`), c === 'green')),
  );
  const province = h('input', {
    type: 'text',
    name: 'healthCodeProvince',
    inputmode: 'numeric',
    pattern: '\\d{2}',
    maxlength: '2',
    class: 'narrow',
  });
  const nucleic = h('input', { type: 'datetime-local', name: 'nucleicTestAt' });
  const save = h('button', { type: 'submit', class: 'primary small' }, t('save'));
  const cancel = h('button', { type: 'button', class: 'small' }, t('cancel'));
  cancel.addEventListener('click', close);
  const status = statusLine();
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': `${t('updateHealth')}: ${w.name}` },
    field(t('healthCode'), code),
    field(t('healthProvince'), province, t('healthProvinceHint')),
    field(t('nucleicAt'), nucleic),
    h('div', { class: 'actions' }, save, cancel),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (province.value && !/^\d{2}$/.test(province.value)) return province.focus();
    const body: Record<string, string> = { healthCode: code.value };
    if (province.value) body.healthCodeProvince = province.value;
    const at = fromLocalInput(nucleic.value);
    if (at) body.nucleicTestAt = at;
    try {
      const r = await busy(save, t('loading'), () =>
        getJson<HealthResult>(`/workers/${w.workerId}/health`, { method: 'PATCH', json: body }),
      );
      const msg = r.placed
        ? t('placedOn', { name: w.name, trip: r.tripKey ?? '' })
        : r.status === 'held'
          ? t('stillHeld', {
              name: w.name,
              // The answer's reason is English: the console words the code.
              reason: r.holdCode ? holdLabel(r.holdCode) : (r.reason ?? heldDetail(w, ix)),
            })
          : t('healthSaved', { name: w.name });
      sectionStatus.ok(msg);
      onChanged(msg);
    } catch (err) {
      status.fail(errorBox(err, ix));
    }
  });
  return form;
}
