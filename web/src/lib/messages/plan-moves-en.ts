import type { planMovesZh } from './plan-moves-zh';

/** The plan page's trip statuses and passenger moves, in English, key for key. */
export const planMovesEn: Record<keyof typeof planMovesZh, string> = {
  tripStatus_planned: 'Planned',
  tripStatus_boarding: 'Boarding',
  tripStatus_departed: 'Departed',
  tripStatus_arrived: 'Arrived',
  tripStatus_locked: 'Locked',
  tripStatusLabel: 'Status',
  moveFind: 'Move…',
  moveFindLabel: 'Find trips {name} can move to',
  moveFinding: 'Looking…',
  moveNone:
    'No trip can take this passenger (a direct bus of the same county and factory, with room, leaving in time).',
  moveTargetsOf: '{name} can move to {n} trip(s)',
  moveTargetOption: '{trip} · {seats} free · own share {share}',
  moveTargetCost: 'Target trip {before}→{after}; current trip {fromBefore}→{fromAfter}',
  moveTripRemoved: 'cancelled',
  moveGo: 'Move',
  refusedDeparted: 'Refused: {trip} is {status} and can no longer be changed.',
};
