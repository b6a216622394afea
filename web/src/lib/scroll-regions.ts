import { t } from './i18n';

/**
 * A box that scrolls sideways (`.scroll-x`, used for wide tables on phones) must be reachable by keyboard, or its
 * hidden columns are out of reach without a pointer (WCAG 2.1.1). Every such box the views draw, now or on a
 * later redraw, becomes a labelled, focusable region: named by its table's caption where it has one.
 */
export function keepScrollRegionsFocusable(root: HTMLElement): void {
  const mark = (el: Element) => {
    if (el.hasAttribute('tabindex')) return;
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'region');
    const caption = el.querySelector('caption')?.textContent?.trim();
    if (!el.hasAttribute('aria-label')) el.setAttribute('aria-label', caption || t('scrollRegion'));
  };
  const sweep = () => root.querySelectorAll('.scroll-x').forEach(mark);
  new MutationObserver(sweep).observe(root, { childList: true, subtree: true });
  sweep();
}
