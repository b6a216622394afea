import { en } from './messages/en';
import { zh, type MessageKey } from './messages/zh';

export type Lang = 'zh-CN' | 'en';
const STORE = 'p2p.lang';

let lang: Lang = sessionStorage.getItem(STORE) === 'en' ? 'en' : 'zh-CN';

export const currentLang = (): Lang => lang;

export function setLang(next: Lang): void {
  lang = next;
  sessionStorage.setItem(STORE, next);
  document.documentElement.lang = next;
}

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = (lang === 'en' ? en : zh)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A message by a computed key (status_planned, mode_bus …), or the raw value when there is none. */
export function tOr(key: string, fallback: string): string {
  return key in zh ? t(key as MessageKey) : fallback;
}

/** Chinese or English name of a reference place. */
export const placeName = (p: { name: string; nameEn?: string } | undefined, fallback = ''): string =>
  p ? (lang === 'en' && p.nameEn ? p.nameEn : p.name) : fallback;
