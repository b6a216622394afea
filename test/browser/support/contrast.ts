/** WCAG 2.1 contrast of CSS colours as getComputedStyle gives them ("rgb(…)" / "rgba(…)"). */

type Rgba = [number, number, number, number];

export function parseCssColour(css: string): Rgba {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

/** A colour with alpha laid over an opaque one. */
const over = (top: Rgba, under: Rgba): Rgba => [
  top[0] * top[3] + under[0] * (1 - top[3]),
  top[1] * top[3] + under[1] * (1 - top[3]),
  top[2] * top[3] + under[2] * (1 - top[3]),
  1,
];

const luminance = ([r, g, b]: Rgba): number => {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

/** The contrast ratio (1–21) of text colour `fg` on background `bg`, both laid over `page` (white by default). */
export function contrastRatio(fg: string, bg: string, page = 'rgb(255, 255, 255)'): number {
  const base = parseCssColour(page);
  const back = over(parseCssColour(bg), base);
  const text = over(parseCssColour(fg), back);
  const [a, b] = [luminance(text), luminance(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
