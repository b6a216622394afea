import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import type { Trip } from '../../lib/types';
import {
  boardingVehicles,
  doorPassengers,
  familyAboard,
  unitsOf,
  type DoorPassenger,
  type Draft,
  type Rules,
  type Unit,
} from './boarding-model';
import { checkCard, checkedCard, type CheckCard } from './check-card';

export interface DoorListOptions {
  trip: Trip;
  rules: Rules;
  /** Entries not sent yet, by worker id (created here when missing). */
  drafts: Map<string, Draft>;
  /** The boarding vehicle shown, or null for all. */
  vehicle: string | null;
  onSubmit(cards: CheckCard[], button: HTMLButtonElement): void;
}

const draftOf = (o: DoorListOptions, d: DoorPassenger): Draft => {
  let draft = o.drafts.get(d.p.workerId);
  if (!draft) {
    // Most people at the door wear a mask and show the code they travel on: the dispatcher changes what differs.
    draft = { temperature: '', mask: true, code: d.p.healthCode };
    o.drafts.set(d.p.workerId, draft);
  }
  return draft;
};

function unitEl(u: Unit, o: DoorListOptions, cards: Map<string, CheckCard>): HTMLElement {
  const inFamily = !!u.family;
  const heading = inFamily ? 'h4' : 'h3';
  const els = u.members.map((d) => {
    const family = familyAboard(o.trip, d.p);
    if (d.p.checks.boarding) return checkedCard({ d, family, heading });
    const card = checkCard({
      d,
      family,
      heading,
      rules: o.rules,
      draft: draftOf(o, d),
      onSubmit: (c, b) => o.onSubmit([c], b),
    });
    cards.set(d.p.workerId, card);
    return card.el;
  });
  if (!inFamily) return els[0];
  const pending = u.members.map((d) => cards.get(d.p.workerId)).filter((c): c is CheckCard => !!c);
  const all =
    pending.length > 1
      ? h(
          'button',
          { type: 'button', class: 'primary submit-family' },
          t('boardingSubmitFamily', { n: pending.length }),
        )
      : null;
  all?.addEventListener('click', () => o.onSubmit(pending, all));
  return h(
    'section',
    { class: 'family-group', 'data-family': u.family },
    h('h3', null, t('boardingFamilyHeading', { family: u.family!, n: u.members.length })),
    h('div', { class: 'family-cards' }, els),
    all,
  );
}

/** The passengers to check, by boarding vehicle: a card each, a family's cards together with one submit. */
export function doorList(o: DoorListOptions): { el: HTMLElement; cards: Map<string, CheckCard> } {
  const cards = new Map<string, CheckCard>();
  const list = doorPassengers(o.trip);
  if (!list.length) return { el: h('p', { class: 'panel muted' }, t('boardingNobodyAboard')), cards };
  const sections = boardingVehicles(list)
    .filter((v) => !o.vehicle || v.key === o.vehicle)
    .map((v) => {
      const mine = list.filter((d) => d.vehicleKey === v.key);
      const units = unitsOf(mine).map((u) => unitEl(u, o, cards));
      const done = mine.every((d) => d.p.checks.boarding);
      return h(
        'section',
        { class: 'door-vehicle', 'data-vehicle-key': v.key, 'aria-labelledby': `door-${v.key}` },
        h('h2', { id: `door-${v.key}` }, t('boardingVehicleHeading', { vehicle: v.label, n: v.n })),
        done ? h('p', { class: 'status-line ok' }, t('boardingAllChecked')) : null,
        h('div', { class: 'check-grid' }, units),
      );
    });
  return { el: h('div', { class: 'door-list' }, sections), cards };
}
