import type { planZh } from '../../lib/messages/plan-zh';
import { money } from '../../lib/money';
import type { Trip } from '../../lib/types';

/**
 * The mode choice in words: the server sends codes and figures (ModeOptionSchema); the console writes them in the
 * reader's language. No DOM and no i18n state here, so the jest test can run it against both dictionaries.
 */
export type ModeOption = Trip['modeOptions'][number];
export type PlanWord = keyof typeof planZh;
/** `t` from lib/i18n, or any function filling a dictionary's `{name}` placeholders. */
export type Say = (key: PlanWord, vars?: Record<string, string | number>) => string;

const isAir = (o: ModeOption): boolean => o.option === 'flight' || o.option === 'flight-seats';

export const optionName = (option: ModeOption['option'], say: Say): string => say(`option_${option}`);

/** A short label for the outcome (已选, 人数不足 …), for a badge. */
export const optionBadgeText = (o: ModeOption, say: Say): string => say(`optionBadge_${o.code}`);

/** One sentence per option: what it is, its figures, and why it was dropped (or that it was chosen). */
export function optionText(o: ModeOption, say: Say): string {
  const vehicles = o.vehicles ? say(o.option === 'bus' ? 'optionBusCount' : 'optionCount', { n: o.vehicles }) : '';
  return say(`optionCode_${o.code}`, {
    option: optionName(o.option, say),
    route: o.from && o.to ? say('optionRoute', { from: o.from, to: o.to }) : '',
    count: vehicles,
    rest: o.restBy ? say('optionRest', { option: optionName(o.restBy, say) }) : '',
    pooled: o.pooled,
    minimum: o.minimum ?? '—',
    money: o.estimateFen === null ? '—' : money(o.estimateFen),
    hours: o.hours === null ? '—' : o.hours.toFixed(1),
    limitHours: o.limitHours,
    hub: say(isAir(o) ? 'hub_airport' : 'hub_station'),
    from: o.from ?? '',
    to: o.to ?? '',
  });
}

/** The chosen option first, then the dropped ones in the planner's order. */
export const chosenFirst = (options: readonly ModeOption[]): ModeOption[] =>
  [...options].sort((a, b) => Number(b.code === 'chosen') - Number(a.code === 'chosen'));
