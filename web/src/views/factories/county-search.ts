import { h, newId } from '../../lib/dom';
import { placeName, t } from '../../lib/i18n';
import { rememberCounties } from '../../lib/places';
import { searchCounties, type County } from './factories-api';

const SHOWN = 12;
const DEBOUNCE_MS = 200;

export interface CountySearch {
  el: HTMLElement;
  input: HTMLInputElement;
  chosen(): County | null;
}

export interface CountySearchOptions {
  /** The province's name by its two-digit code, in the reader's language. */
  provinceName(code: string): string;
  /** May the signed-in key register factories in this county? Others are listed but cannot be chosen. */
  allowed(code: string): boolean;
  onChoose(c: County): void;
}

/** "吉县 · 山西 · 141028": what a result and the chosen county read as. */
export const countyLine = (c: County, provinceName: (code: string) => string): string =>
  `${placeName(c)} · ${provinceName(c.provinceCode)} · ${c.code}`;

/**
 * A combobox (WAI-ARIA 1.2, list autocomplete) over `/reference/counties`: type a code, a Chinese name or pinyin;
 * ↑/↓ move through the results, Enter chooses, Escape closes. The newest answer wins; older ones are aborted.
 */
export function countySearch(o: CountySearchOptions): CountySearch {
  const listId = newId('county-list');
  const input = h('input', {
    type: 'text',
    id: newId('county'),
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    class: 'wide',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'county-options', hidden: true });
  const count = h('p', { class: 'county-count small muted', 'aria-live': 'polite' });
  let items: County[] = [];
  let active = -1;
  let chosen: County | null = null;
  let pending: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = (yes: boolean) => {
    list.hidden = !yes || items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (list.hidden) input.removeAttribute('aria-activedescendant');
  };
  const highlight = (i: number) => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    const li = list.children[i] as HTMLElement | undefined;
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const choose = (i: number) => {
    const c = items[i];
    if (!c || !o.allowed(c.code)) return;
    chosen = c;
    input.value = countyLine(c, o.provinceName);
    open(false);
    count.textContent = t('countyChosen', { county: countyLine(c, o.provinceName) });
    o.onChoose(c);
  };
  const show = (found: { total: number; items: County[] }) => {
    items = found.items;
    rememberCounties(items);
    list.replaceChildren(
      ...items.map((c, i) => {
        const ok = o.allowed(c.code);
        const li = h(
          'li',
          { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', 'aria-disabled': ok ? null : 'true' },
          h('span', { class: 'county-name' }, placeName(c)),
          h(
            'span',
            { class: 'county-meta' },
            ` ${o.provinceName(c.provinceCode)} · ${c.city} · `,
            h('code', null, c.code),
          ),
          ok ? null : h('span', { class: 'county-meta' }, ` ${t('countyOutOfScope')}`),
        );
        // mousedown, not click: the input keeps its focus, so the list does not close under the pointer first.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(i);
        });
        return li;
      }),
    );
    count.textContent = items.length
      ? t('countyResults', { shown: items.length, total: found.total })
      : t('countyNoResults');
    highlight(items.findIndex((c) => o.allowed(c.code)));
    open(true);
  };
  const search = async (q: string) => {
    pending?.abort();
    const mine = new AbortController();
    pending = mine;
    try {
      show(await searchCounties(q, SHOWN, mine.signal));
    } catch (e) {
      if ((e as Error).name !== 'AbortError') count.textContent = t('error_network');
    }
  };

  input.addEventListener('input', () => {
    chosen = null;
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) {
      pending?.abort();
      items = [];
      count.textContent = '';
      open(false);
      return;
    }
    timer = setTimeout(() => void search(q), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    const step = (d: number) => {
      if (!items.length) return;
      e.preventDefault();
      open(true);
      highlight((active + d + items.length) % items.length);
    };
    if (e.key === 'ArrowDown') step(1);
    else if (e.key === 'ArrowUp') step(-1);
    else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      open(false);
    }
  });
  input.addEventListener('blur', () => open(false));
  input.addEventListener('focus', () => items.length && !chosen && open(true));

  const hint = h('small', { id: `${input.id}-hint`, class: 'hint' }, t('countySearchHint'));
  input.setAttribute('aria-describedby', hint.id);
  const el = h(
    'div',
    { class: 'field county-search' },
    h('label', { for: input.id }, t('countySearch')),
    h('div', { class: 'combo' }, input, list),
    hint,
    count,
  );
  return { el, input, chosen: () => chosen };
}
