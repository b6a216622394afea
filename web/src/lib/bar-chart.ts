import { h, s } from './dom';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown next to the bar. */
  text: string;
  note?: string;
}

/** A horizontal SVG bar chart (no chart library): one labelled bar per row, scaled to the largest value. */
export function barChart(title: string, bars: Bar[], emptyText: string): HTMLElement {
  if (!bars.length) return h('p', { class: 'muted' }, emptyText);
  const row = 34,
    labelW = 150,
    valueW = 150,
    barW = 420,
    W = labelW + barW + valueW,
    H = bars.length * row + 8;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': `${id}-t ${id}-d`,
      class: 'bar-chart',
      'data-testid': 'county-chart',
    },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, bars.map((b) => `${b.label}: ${b.text}`).join('; ')),
    bars.map((b, i) => {
      const y = 4 + i * row,
        w = Math.max(2, Math.round((b.value / max) * barW));
      return s(
        'g',
        { class: 'bar-row' },
        s(
          'text',
          { x: labelW - 10, y: y + row / 2, class: 'bar-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
          b.label,
        ),
        s(
          'rect',
          { x: labelW, y: y + 6, width: w, height: row - 12, rx: 3, class: 'bar' },
          s('title', null, `${b.label}: ${b.text}${b.note ? ` (${b.note})` : ''}`),
        ),
        s(
          'text',
          { x: labelW + w + 8, y: y + row / 2, class: 'bar-value', 'dominant-baseline': 'middle' },
          b.text,
          b.note ? s('tspan', { class: 'bar-note' }, `  ${b.note}`) : null,
        ),
      );
    }),
  );
  return h('div', { class: 'chart' }, svg);
}
