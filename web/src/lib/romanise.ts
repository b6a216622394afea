/**
 * Village and home-village names as typed by county offices (小河村三组) in pinyin for English readers
 * ("Xiaohe Village Group 3"): no tone marks, each word capitalised, ASCII kept as typed.
 *
 * The pinyin dictionary (pinyin-pro, some 300 KB) is loaded by `loadRomaniser` with a dynamic import, which the
 * console awaits before it draws a view in English only: a Chinese reader never downloads it, and an English
 * page is drawn once, already romanised, rather than first in Han characters and then again. Until it has loaded
 * (or if it fails to) a name shows as typed.
 */

type Pinyin = (text: string, options: { toneType: 'none'; type: 'array' }) => string[];

let pinyin: Pinyin | null = null;
let loading: Promise<void> | null = null;

export function loadRomaniser(): Promise<void> {
  loading ??= import('./pinyin-engine').then(
    (m) => void (pinyin = m.pinyin as Pinyin),
    () => void (loading = null), // names stay as typed; the next view tries again
  );
  return loading;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /(\p{Script=Han}+)/u;
/** Generics at the end of a name part (administrative, and 厂 for factories), in English. */
const GENERIC: Record<string, string> = {
  社区: 'Community',
  村: 'Village',
  组: 'Group',
  乡: 'Township',
  镇: 'Town',
  县: 'County',
  市: 'City',
  厂: 'Factory',
};
/** A proper name of two or more characters, then its generic; a one-syllable name stays one word with it (王村). */
const PART = /^(\p{Script=Han}{2,}?)(社区|村|组|乡|镇|县|市|厂)/u;
const NUMERAL: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** A numbered group or village (三组, 12组, 十一组, 2村): "Group 3", "Village 2" (三村 may be a name: digits only). */
const NUMBERED = /([0-9０-９]+)(组|村)|([〇零一二两三四五六七八九十]+)(组)/gu;

/** A Chinese numeral up to 99 (十一, 二十, 三十五) or digits, as a number; null for anything else. */
function numberOf(s: string): number | null {
  const ascii = s.normalize('NFKC');
  if (/^\d+$/.test(ascii)) return Number(ascii);
  const m = /^([一二两三四五六七八九])?(十)?([〇零一二三四五六七八九])?$/u.exec(s);
  if (!m || s === '' || (!m[2] && m[1] && m[3])) return null;
  if (!m[2]) return NUMERAL[m[1] ?? m[3]];
  return (m[1] ? NUMERAL[m[1]] : 1) * 10 + (m[3] ? NUMERAL[m[3]] : 0);
}

/** Syllables joined into one word, capitalised, with an apostrophe before a syllable that starts with a, o or e. */
function word(syllables: string[]): string {
  const joined = syllables.map((x, i) => (i > 0 && /^[aoe]/.test(x) ? `'${x}` : x)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/**
 * A proper name as one word (李家庄, 幸福里小区), as the national rule writes place names; one of six or more
 * syllables in an even count, such as a factory's (东莞长安电子), in words of two, as most Chinese words are:
 * "Dongguan Chang'an Dianzi" rather than one word of fourteen letters.
 */
function longName(syllables: string[]): string[] {
  if (syllables.length < 6 || syllables.length % 2) return [word(syllables)];
  const out: string[] = [];
  for (let i = 0; i < syllables.length; i += 2) out.push(word(syllables.slice(i, i + 2)));
  return out;
}

/** One run of Han characters: proper names with their generics in English, the rest as pinyin words. */
function romaniseHan(run: string, py: Pinyin): string {
  const chars = Array.from(run);
  let syllables = py(run, { toneType: 'none', type: 'array' });
  // Read in context (重庆 chong, not zhong); one syllable per character, or character by character.
  if (syllables.length !== chars.length) syllables = chars.map((c) => py(c, { toneType: 'none', type: 'array' })[0]);
  const words: string[] = [];
  let at = 0;
  while (at < chars.length) {
    const rest = chars.slice(at).join('');
    const m = PART.exec(rest);
    if (!m) {
      words.push(...longName(syllables.slice(at)));
      break;
    }
    const n = Array.from(m[1]).length;
    words.push(...longName(syllables.slice(at, at + n)), GENERIC[m[2]]);
    at += n + Array.from(m[2]).length;
  }
  return words.join(' ');
}

/**
 * A place name in pinyin words ("Xiaohe Village", "Wangcun Group 3"); a name without Han characters, or any name
 * while the dictionary is not loaded, is returned as it is.
 */
export function romanise(name: string): string {
  const py = pinyin;
  if (!py || !HAN.test(name)) return name;
  const grouped = name.replace(NUMBERED, (all, digits?: string, g1?: string, numeral?: string, g2?: string) => {
    const k = numberOf(digits ?? numeral ?? '');
    return k === null ? all : ` ${GENERIC[g1 ?? g2 ?? '']} ${k} `;
  });
  return grouped
    .split(HAN_RUNS)
    .map((part, i) => (i % 2 ? ` ${romaniseHan(part, py)} ` : part.normalize('NFKC').replace(/、/g, ', ')))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/([([]) | ([)\],.])/g, '$1$2') // no space inside brackets or before a comma
    .trim();
}
