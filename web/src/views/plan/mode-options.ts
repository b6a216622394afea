import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { badge } from '../../lib/widgets';
import { chosenFirst, optionBadgeText, optionName, optionText, type ModeOption } from './mode-option-text';

/**
 * "Why this mode": the option taken and every option dropped, each with its outcome badge and a sentence written
 * from the codes and figures in the reader's language. `collapsed`: a <details> to open (the pooled vehicles list);
 * else a titled block, for places already inside a <details> (a trip), where a second <summary> would confuse.
 */
export function modeOptionsBlock(options: readonly ModeOption[], collapsed = false): HTMLElement | null {
  if (!options.length) return null;
  const ordered = chosenFirst(options);
  const chosen = ordered[0].code === 'chosen' ? ordered[0] : null;
  const title = chosen ? t('whyModeFor', { option: optionName(chosen.option, t) }) : t('whyMode');
  const list = h(
    'ul',
    { 'aria-label': t('optionsCompared') },
    ordered.map((o) =>
      h(
        'li',
        { 'data-option': o.option, 'data-code': o.code, class: o.code === 'chosen' ? 'chosen' : '' },
        badge(optionBadgeText(o, t), o.code === 'chosen' ? 'ok' : 'neutral'),
        h('span', null, optionText(o, t)),
      ),
    ),
  );
  const attrs = { class: 'mode-options', 'data-testid': 'mode-options' };
  if (collapsed) return h('details', attrs, h('summary', null, title), list);
  return h('div', attrs, h('h4', { class: 'mode-options-title' }, title), list);
}
