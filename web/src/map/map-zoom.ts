import { h } from '../lib/dom';
import { t } from '../lib/i18n';

/** How far the map zooms in, and by how much each press. */
const MAX = 8,
  STEP = 2;

export interface MapZoom {
  /** The zoom in / out / reset buttons. */
  el: HTMLElement;
  /** Back to the whole picture (a new extent was chosen). */
  reset(): void;
}

/**
 * Zoom for an SVG map by its viewBox (the drawing itself stays as it is, so redraws keep the zoom): in and out
 * about the centre of what is shown, never past the drawing's edges.
 */
export function mapZoom(svg: SVGSVGElement, width: number, height: number): MapZoom {
  let k = 1,
    cx = width / 2,
    cy = height / 2;
  const apply = () => {
    const w = width / k,
      hh = height / k;
    cx = Math.min(Math.max(cx, w / 2), width - w / 2);
    cy = Math.min(Math.max(cy, hh / 2), height - hh / 2);
    svg.setAttribute(
      'viewBox',
      `${Math.round(cx - w / 2)} ${Math.round(cy - hh / 2)} ${Math.round(w)} ${Math.round(hh)}`,
    );
    svg.dataset.zoom = String(k);
    zoomIn.disabled = k >= MAX;
    zoomOut.disabled = k <= 1;
    reset.disabled = k === 1;
  };
  // "+" and "−" are named by their label; a worded button by its words (a name must contain its visible text).
  const button = (text: string, label: string, testId: string, f: () => void) => {
    const named = text === label ? {} : { 'aria-label': label, title: label };
    const b = h('button', { type: 'button', ...named, 'data-testid': testId }, text);
    b.addEventListener('click', () => (f(), apply()));
    return b;
  };
  const zoomIn = button('+', t('mapZoomIn'), 'map-zoom-in', () => (k = Math.min(MAX, k * STEP)));
  const zoomOut = button('−', t('mapZoomOut'), 'map-zoom-out', () => (k = Math.max(1, k / STEP)));
  const reset = button(t('mapZoomReset'), t('mapZoomReset'), 'map-zoom-reset', () => (k = 1));
  const el = h('div', { class: 'segmented map-zoom', role: 'group', 'aria-label': t('mapZoom') }, [
    zoomIn,
    zoomOut,
    reset,
  ]);
  apply();
  dragToPan(svg, (dx, dy) => {
    const scale = width / k / (svg.getBoundingClientRect().width || width);
    cx -= dx * scale;
    cy -= dy * scale;
    apply();
  });
  return {
    el,
    reset() {
      k = 1;
      apply();
    },
  };
}

/**
 * Dragging the zoomed map moves it; a drag of more than a few pixels is not a click (so it opens no trip).
 */
function dragToPan(svg: SVGSVGElement, move: (dx: number, dy: number) => void): void {
  let from: { x: number; y: number } | null = null;
  let moved = 0;
  svg.addEventListener('pointerdown', (e) => {
    from = { x: e.clientX, y: e.clientY };
    moved = 0;
  });
  svg.addEventListener('pointermove', (e) => {
    if (!from || !(e.buttons & 1)) return;
    const dx = e.clientX - from.x,
      dy = e.clientY - from.y;
    moved += Math.abs(dx) + Math.abs(dy);
    from = { x: e.clientX, y: e.clientY };
    move(dx, dy);
  });
  svg.addEventListener('pointerup', () => (from = null));
  svg.addEventListener(
    'click',
    (e) => {
      if (moved > 4) e.stopImmediatePropagation();
      moved = 0;
    },
    { capture: true },
  );
}
