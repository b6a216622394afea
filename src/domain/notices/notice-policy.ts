/** The two languages a pick-up notice is written in: Chinese for the SMS, English as a variant for reading. */
export type NoticeLang = 'zh' | 'en';
export const NOTICE_LANGS: readonly NoticeLang[] = ['zh', 'en'];

/** One text per language. */
export type PerLang<T> = Record<NoticeLang, T>;

/**
 * What a county's pick-up notices say beyond the trip itself (fixtures/notice-policy.json, parsed by
 * contracts/notice-policy): who sends them, the hotline, what to bring and how early to come. Templates
 * take `{county}` (the sender) or `{period}` (the nucleic-acid test item).
 */
export interface NoticePolicy {
  /** The sender shown in 【】 at the start of the SMS, e.g. "{county}人社局". */
  sender: PerLang<string>;
  /** A county's own sender, where the template does not fit. */
  senderByCounty: Record<string, Partial<PerLang<string>>>;
  hotline: string;
  hotlineByCounty: Record<string, string>;
  /** Minutes before the bus leaves that people are asked to be at the stop. */
  arriveEarlyMin: number;
  /** What everyone brings. */
  bring: PerLang<string[]>;
  /** Added to `bring` where the destination asks for a recent nucleic-acid test. */
  nucleicTestItem: PerLang<string>;
  /**
   * The longest notice, in characters: the county's SMS platform's limit for the Chinese text it sends; the
   * English variant (for reading, or the few who ask) takes about twice the characters for the same words.
   */
  maxLength: PerLang<number>;
}

const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** The sender of a county's notices: its own, else the template with the county's name. */
export const senderOf = (p: NoticePolicy, lang: NoticeLang, countyCode: string, countyName: string): string =>
  p.senderByCounty[countyCode]?.[lang] ?? fill(p.sender[lang], { county: countyName });

export const hotlineOf = (p: NoticePolicy, countyCode: string): string => p.hotlineByCounty[countyCode] ?? p.hotline;

/** The nucleic-acid test item for a test no older than `hours`: "7日内…" / "48小时内…", "7 days" / "48 hours". */
export function nucleicItem(p: NoticePolicy, lang: NoticeLang, hours: number): string {
  const days = hours % 24 === 0 ? hours / 24 : null;
  const period =
    lang === 'zh'
      ? days
        ? `${days}日`
        : `${hours}小时`
      : days
        ? `${days} day${days === 1 ? '' : 's'}`
        : `${hours} hours`;
  return fill(p.nucleicTestItem[lang], { period });
}
