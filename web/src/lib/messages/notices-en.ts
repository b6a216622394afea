import type { noticesZh } from './notices-zh';

/** Pick-up notices' words in English: every key of notices-zh.ts. */
export const noticesEn: Record<keyof typeof noticesZh, string> = {
  pickupNotices: 'Pick-up notices',
  pickupNoticesFor: 'Pick-up notices of {trip}',
  pickupNoticesOpen: 'Pick-up notices ({trip})',
  pickupCsv: 'Download notices CSV',
  pickupCsvFor: 'Download notices CSV ({trip})',
  pickupBatchCsv: 'Download the whole batch’s pick-up notices (CSV)',
  pickupBatchHelp: 'One row per traveller (phone, name, text), ready for the county’s SMS platform.',
  pickupLang: 'Notice language',
  pickupLangZh: 'Chinese (SMS)',
  pickupLangEn: 'English',
  pickupCount: '{n} notices',
  pickupLongest: 'Longest {n} characters, limit {max}',
  pickupLength: '{n} characters · {parts} SMS',
  pickupOverLimit: 'Over {max} characters: shorten the name or place before sending',
  pickupShortened: 'Some transfer details left out to keep it short',
  pickupEmpty: 'Nobody is aboard this trip any more.',
  pickupHelp:
    'Times in the notices are Beijing time. The CSV is UTF-8 with the columns phone, name and text (the SMS).',
  pickupRecipient: 'Recipient',
  pickupText: 'Message',
  pickupFor: 'Pick-up notice for {name}',
};
