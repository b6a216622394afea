import type { arrivalsZh } from './arrivals-zh';

/** The arrivals page's words (tabs, search, vehicle filter, pages), in English, key for key. */
export const arrivalsEn: Record<keyof typeof arrivalsZh, string> = {
  arrivalsTabs: 'Arrival status',
  arrivalsTab_expected: 'Expected {n}',
  arrivalsTab_arrived: 'Arrived {n}',
  'arrivalsTab_no-show': 'No-shows {n}',
  arrivalsSearch: 'Search',
  arrivalsSearchHint: 'A name, or the last 4–6 characters of the ID number',
  arrivalsVehicle: 'Trip',
  arrivalsAnyVehicle: 'All trips',
  arrivalsVehicleOption: '{vehicle} · {time} ({n} people)',
  arrivalsClear: 'Clear filters',
  arrivalsTrip: 'Trip',
  arrivalsShown: '{from}–{to} of {total}',
  arrivalsNoneInTab: 'Nobody in this tab matches.',
  arrivalsPages: 'Pages',
  arrivalsPage: 'Page {page} of {pages}',
  arrivalsPrev: 'Previous',
  arrivalsNext: 'Next',
  arrivalsTimeHint: 'Empty: now (the expected arrival for a vehicle that has not set off yet)',
  arrivalsConfirmOne: 'Confirm arrival: {name}',
  arrivalsConfirmedOne: '{name} confirmed as arrived.',
  arrivalsConfirmedBefore: '{name} was confirmed before.',
  arrivalsVehicleArrived: '{arrived} of {total} arrived',
  arrivalsConfirmWaiting: 'Confirm everyone waiting on this trip ({n})',
  arrivalsAction: 'Action',
};
