/** Mainland China mobile number, optionally with +86 / 86 in front. */
export const MOBILE_RE = /^(?:\+?86)?1[3-9]\d{9}$/;

export const normalisePhone = (raw: string): string => raw.replace(/[\s-]/g, '');

/** Masks the middle four digits: 138****5678. */
export const maskPhone = (phone: string): string =>
  phone.length < 7 ? '*'.repeat(phone.length) : phone.slice(0, -8) + '****' + phone.slice(-4);
