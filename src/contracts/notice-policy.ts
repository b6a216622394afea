import { z } from 'zod';
import type { NoticePolicy } from '../domain/notices/notice-policy';
import { CountyCode } from '../domain/reference/places';

/** Plain one-line text: no control characters (an SMS platform would reject or mangle them). */
const Line = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'no control characters');
const perLang = <T extends z.ZodType>(t: T) => z.object({ zh: t, en: t });
/** A phone number people can dial: digits, with a dash or spaces between groups. */
const Hotline = z.string().regex(/^\d[\d -]{2,18}\d$/, 'a hotline is digits, with dashes or spaces between groups');

/** fixtures/notice-policy.json: the sender, hotline and what-to-bring list of the pick-up notices. */
export const NoticePolicySchema: z.ZodType<NoticePolicy> = z
  .object({
    sender: perLang(Line),
    senderByCounty: z.record(CountyCode, perLang(Line).partial()).default({}),
    hotline: Hotline,
    hotlineByCounty: z.record(CountyCode, Hotline).default({}),
    arriveEarlyMin: z.number().int().min(0).max(240),
    bring: perLang(z.array(Line).min(1).max(10)),
    nucleicTestItem: perLang(Line.refine((s) => s.includes('{period}'), 'names the {period}')),
    /** China's long SMS reaches about 1,000 characters; counties' platforms set their own limit below it. */
    maxLength: perLang(z.number().int().min(70).max(1000)),
  })
  .strict();
