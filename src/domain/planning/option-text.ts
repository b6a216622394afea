import { formatYuan } from '../money/split';
import type { PlannerConfig } from '../reference/planner-config';
import type { ModeOption, TravelOption } from './plan-schema';

/** English names of the options (the console translates the codes and figures, not this text). */
const LABEL: Record<TravelOption, string> = {
  bus: 'chartered bus',
  flight: 'chartered flight',
  'train-special': 'special train',
  'train-carriage': 'reserved carriages',
  'train-seats': 'regular train seats',
  'flight-seats': 'scheduled flight seats',
};

const route = (o: ModeOption) => (o.from && o.to ? ` ${o.from}→${o.to}` : '');
const hubWord = (o: ModeOption) => (o.option === 'flight' || o.option === 'flight-seats' ? 'airport' : 'station');

/** One line per option, for the plan's mode reason and the logs. */
export function optionText(o: ModeOption, mc: PlannerConfig['modeChoice']): string {
  const name = `${LABEL[o.option]}${route(o)}`;
  const figures = () => {
    const count = o.vehicles && o.option !== 'bus' ? ` ×${o.vehicles}` : '';
    const rest = o.restBy ? `, rest by ${LABEL[o.restBy]}` : '';
    return `${name}${count}: ¥${formatYuan(o.estimateFen ?? 0)}, ${(o.hours ?? 0).toFixed(1)} h${rest}`;
  };
  switch (o.code) {
    case 'chosen':
    case 'costlier':
      return figures();
    case 'over-hours':
      return `${figures()}, over the ${o.limitHours} h door-to-door limit`;
    case 'below-min-fill':
      return `${name}: ${o.pooled} pooled, below minimum ${o.minimum}`;
    case 'no-hub':
      return `${name}: no ${hubWord(o)} within ${mc.hubMaxRoadKm} km of the origin or the destination`;
    case 'same-hub':
      return `${name}: the same ${hubWord(o)} serves both ends`;
    case 'too-short':
      return `${name}: under the ${mc.flightMinKm} km a flight needs`;
    case 'group-too-large':
      return `${name}: ${o.pooled} pooled, more than the ${mc.publicSeatsMaxGroup} seats bought among the public`;
    case 'bus-takes-group':
      return `${name}: a chartered bus can take the group (public seats only where none can)`;
    case 'no-offer':
      return `${name}: no timetabled offer loaded for it`;
    case 'no-vehicle':
      return `${name}: nothing can take those it leaves`;
  }
}
