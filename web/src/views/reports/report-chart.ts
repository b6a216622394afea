import { h, newId, s } from '../../lib/dom';

export interface ReportBar {
  label: string;
  value: number;
  /** The value as shown after the bar. */
  text: string;
}

const ROW = 46;
/** The longest bar takes this share of the width, leaving room for its value. */
const SPAN = 78;

/**
 * Horizontal bars as inline SVG without a viewBox: lengths are percentages of the width, text keeps its pixel size,
 * so the chart is as readable on a 390 px phone as on a desk (a scaled viewBox would shrink the text to 6 px).
 * Each label sits above its bar; the title and a description of every value are there for screen readers.
 */
export function reportChart(title: string, bars: ReportBar[], emptyText: string): HTMLElement {
  if (!bars.length) return h('p', { class: 'muted' }, emptyText);
  const id = newId('report-chart');
  const max = Math.max(...bars.map((b) => b.value), 1);
  const svg = s(
    'svg',
    {
      width: '100%',
      height: String(bars.length * ROW + 4),
      role: 'img',
      'aria-labelledby': `${id}-t ${id}-d`,
      class: 'bar-chart',
    },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, bars.map((b) => `${b.label}: ${b.text}`).join('; ')),
    bars.map((b, i) => {
      const y = i * ROW;
      const w = Math.max(0.5, (b.value / max) * SPAN);
      return s(
        'g',
        { class: 'bar-row' },
        s('text', { x: '0', y: y + 15, class: 'bar-label' }, b.label),
        s('rect', { x: '0', y: y + 21, width: `${w.toFixed(2)}%`, height: 18, rx: 3, class: 'bar' }),
        s('text', { x: `${(w + 1.5).toFixed(2)}%`, y: y + 35, class: 'bar-value' }, b.text),
      );
    }),
  );
  return h('div', { class: 'report-chart' }, svg);
}
