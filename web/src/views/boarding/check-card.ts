import { h, newId } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { HealthCode, Passenger } from '../../lib/types';
import { badge } from '../../lib/widgets';
import {
  TEMPERATURE,
  failuresOf,
  idTail,
  parseTemperature,
  type DoorCheck,
  type DoorPassenger,
  type Draft,
  type Rules,
} from './boarding-model';
import { checkFacts, codeText, failuresText, namesText } from './boarding-text';

export interface CheckCard {
  el: HTMLElement;
  workerId: string;
  /** The check entered, or null after marking what is missing (the first bad control is focused). */
  read(): DoorCheck | null;
  focus(): void;
}

export interface CardOptions {
  d: DoorPassenger;
  /** The other members of the family aboard the trip. */
  family: Passenger[];
  rules: Rules;
  draft: Draft;
  heading: 'h3' | 'h4';
  onSubmit(card: CheckCard, button: HTMLButtonElement): void;
}

const CODES: HealthCode[] = ['green', 'yellow', 'red'];

/** Name, seat and vehicle, ID tail, family: the same head on a card to fill in and on one already checked. */
function cardHead(o: Pick<CardOptions, 'd' | 'family' | 'heading'>): HTMLElement {
  const { p, seat, vehicleLabel } = o.d;
  const tail = idTail(p.idNumber);
  const meta = [t('boardingSeat', { seat }), vehicleLabel, tail ? t('boardingIdTail', { tail }) : null];
  return h(
    'header',
    { class: 'check-head' },
    h(o.heading, { class: 'check-name' }, p.name),
    h('p', { class: 'check-meta' }, meta.filter(Boolean).join(' · ')),
    p.familyId
      ? h(
          'p',
          { class: 'check-family' },
          badge(t('boardingFamilyBadge', { family: p.familyId }), 'info'),
          o.family.length ? ` ${t('boardingFamilyWith', { names: namesText(o.family.map((f) => f.name)) })}` : null,
        )
      : null,
  );
}

/** A passenger already checked and aboard: the result instead of the controls. */
export function checkedCard(o: Pick<CardOptions, 'd' | 'family' | 'heading'>): HTMLElement {
  const b = o.d.p.checks.boarding!;
  return h(
    'article',
    { class: 'check-card checked', 'data-worker-id': o.d.p.workerId, 'data-state': 'passed' },
    cardHead(o),
    h('p', { class: 'check-result' }, badge(t('boardingResultPassed'), 'ok'), ' ', checkFacts(b)),
  );
}

/** Big radio buttons for a choice (mask, code colour), labelled for the passenger. */
function toggles<V extends string>(
  legend: string,
  name: string,
  who: string,
  choices: { value: V; label: string; tone: string }[],
  selected: V | null,
  onPick: (v: V) => void,
): { el: HTMLFieldSetElement; value(): V | null; first(): HTMLInputElement } {
  const inputs = choices.map((c) =>
    h('input', { type: 'radio', name, value: c.value, checked: c.value === selected, class: 'visually-hidden' }),
  );
  inputs.forEach((i) => i.addEventListener('change', () => onPick(i.value as V)));
  const el = h(
    'fieldset',
    { class: 'toggles' },
    h('legend', null, legend, h('span', { class: 'visually-hidden' }, t('boardingForName', { name: who }))),
    h(
      'div',
      { class: 'toggle-row' },
      choices.map((c, i) => h('label', { class: `toggle ${c.tone}` }, inputs[i], h('span', null, c.label))),
    ),
  );
  return { el, value: () => (inputs.find((i) => i.checked)?.value as V | undefined) ?? null, first: () => inputs[0] };
}

/** The temperature input (numeric keypad, 35.0–42.0), its range and the problem once read; `onInput` on typing. */
function temperatureField(name: string, value: string, onInput: (v: string) => void) {
  const id = newId('temp');
  const problem = h('small', { id: `${id}-error`, class: 'field-error' });
  const input = h('input', {
    id,
    type: 'number',
    inputmode: 'decimal',
    min: String(TEMPERATURE.min),
    max: String(TEMPERATURE.max),
    step: '0.1',
    autocomplete: 'off',
    class: 'temperature',
    value,
    'aria-describedby': `${id}-hint ${id}-error`,
  });
  input.addEventListener('input', () => {
    input.removeAttribute('aria-invalid');
    problem.textContent = '';
    onInput(input.value);
  });
  const el = h(
    'div',
    { class: 'field temperature-field' },
    h(
      'label',
      { for: id },
      t('boardingTemperature'),
      h('span', { class: 'visually-hidden' }, t('boardingForName', { name })),
    ),
    input,
    h('small', { id: `${id}-hint`, class: 'hint' }, t('boardingTemperatureHint')),
    problem,
  );
  const fail = (message: string) => {
    input.setAttribute('aria-invalid', 'true');
    problem.textContent = message;
  };
  return { el, input, fail };
}

/** What the check will say, as the dispatcher fills it in (until a temperature is typed: what mask and code decide). */
function showVerdict(el: HTMLElement, rules: Rules, draft: Draft): void {
  const n = parseTemperature(draft.temperature);
  const known = typeof n === 'number';
  const fails = failuresOf(rules, {
    temperatureC: known ? n : -Infinity,
    mask: draft.mask ?? true,
    codeColour: draft.code,
  });
  el.className = `verdict${fails.length ? ' bad' : known ? ' ok' : ''}`;
  el.textContent = fails.length
    ? t('boardingWillFail', { reasons: failuresText(fails) })
    : known
      ? t('boardingWillPass')
      : '';
}

/** A passenger to check: temperature, mask, code colour, what the check will say, and a submit. */
export function checkCard(o: CardOptions): CheckCard {
  const { p } = o.d;
  const verdict = h('p', { class: 'verdict' });
  const show = () => showVerdict(verdict, o.rules, o.draft);
  const temp = temperatureField(p.name, o.draft.temperature, (v) => ((o.draft.temperature = v), show()));
  const mask = toggles(
    t('boardingMask'),
    `mask-${p.workerId}`,
    p.name,
    [
      { value: 'yes', label: t('boardingMaskYes'), tone: 'ok' },
      { value: 'no', label: t('boardingMaskNo'), tone: 'bad' },
    ],
    o.draft.mask === null ? null : o.draft.mask ? 'yes' : 'no',
    (v) => ((o.draft.mask = v === 'yes'), show()),
  );
  const code = toggles(
    t('boardingCode'),
    `code-${p.workerId}`,
    p.name,
    CODES.map((c) => ({ value: c, label: codeText(c), tone: c })),
    o.draft.code,
    (v) => ((o.draft.code = v), show()),
  );
  const submit = h('button', { type: 'button', class: 'primary submit-check' }, t('boardingSubmitOne'));
  const el = h(
    'article',
    { class: 'check-card', 'data-worker-id': p.workerId, 'data-state': 'pending' },
    cardHead(o),
    h('div', { class: 'check-fields' }, temp.el, mask.el, code.el),
    verdict,
    submit,
  );
  // Scrolled to by hand: the card's scroll margin keeps it clear of the sticky counts (focus() alone would not).
  const bringUp = (control: HTMLElement) => {
    control.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  };
  const card: CheckCard = {
    el,
    workerId: p.workerId,
    read() {
      const n = parseTemperature(temp.input.value);
      if (typeof n !== 'number') {
        temp.fail(t(n === 'missing' ? 'boardingTempRequired' : 'boardingTempRange'));
        bringUp(temp.input);
        return null;
      }
      const m = mask.value();
      if (m === null) {
        bringUp(mask.first());
        return null;
      }
      return { temperatureC: n, mask: m === 'yes', codeColour: code.value() ?? 'green' };
    },
    focus: () => bringUp(temp.input),
  };
  submit.addEventListener('click', () => o.onSubmit(card, submit));
  show();
  return card;
}
