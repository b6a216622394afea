import { h } from './lib/dom';
import { currentLang, t } from './lib/i18n';
import type { MessageKey } from './lib/messages/zh';
import { can, type Me, type Role } from './lib/session';

interface NavItem {
  href: string;
  label: MessageKey;
  roles: Role[];
}

/** The navigation: only what the signed-in role may do (admin sees everything). */
export const NAV: NavItem[] = [
  { href: '/batches', label: 'navBatches', roles: ['dispatcher'] },
  { href: '/arrivals', label: 'navArrivals', roles: ['enterprise'] },
  { href: '/factories', label: 'navFactories', roles: ['dispatcher', 'enterprise'] },
  { href: '/fleet', label: 'navFleet', roles: ['dispatcher'] },
  { href: '/subsidies', label: 'navSubsidies', roles: ['finance'] },
  { href: '/subsidy-lists', label: 'navLists', roles: ['finance'] },
  // Finance reads batches (their plans) but starts at its subsidies, so its link comes last.
  { href: '/batches', label: 'navBatches', roles: ['finance'] },
  // Reporting upward comes after each role's daily pages: dispatchers and finance report their counties.
  { href: '/reports', label: 'navReports', roles: ['dispatcher', 'finance'] },
];

/** Where each role starts. */
export const homeOf = (who: Me): string => NAV.find((n) => can(who, ...n.roles))?.href ?? '/sign-in';

export function header(who: Me | null, path: string, onLang: () => void, onSignOut: () => void): HTMLElement {
  // An admin may use every item: one link per page.
  const mine = who ? NAV.filter((n) => can(who, ...n.roles)) : [];
  const items = mine.filter((n, i) => mine.findIndex((m) => m.href === n.href) === i);
  const scopes = who?.scopes.length ? who.scopes.join(', ') : '';
  return h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'skip', href: '#main' }, t('skipToContent')),
    h(
      'div',
      { class: 'brand' },
      h(
        'a',
        { href: who ? homeOf(who) : '/sign-in', class: 'brand-link' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '返'),
        h('span', null, t('appTitle')),
      ),
      h('span', { class: 'brand-sub' }, t('appSubtitle')),
    ),
    items.length
      ? h(
          'nav',
          { 'aria-label': t('appSubtitle') },
          h(
            'ul',
            null,
            items.map((n) => {
              const current = path === n.href || path.startsWith(`${n.href}/`);
              return h('li', null, h('a', { href: n.href, 'aria-current': current ? 'page' : null }, t(n.label)));
            }),
          ),
        )
      : h('span', { class: 'spacer' }),
    h(
      'div',
      { class: 'session' },
      who
        ? h(
            'span',
            { class: 'who', title: scopes ? `${t('scopes')}: ${scopes}` : undefined },
            t(`role_${who.role}` as MessageKey),
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          lang: currentLang() === 'en' ? 'zh-CN' : 'en',
          // The visible word first, so speech input users can say what they see (WCAG 2.5.3).
          'aria-label': `${t('language')} · ${t('languageLabel')}`,
          onclick: onLang,
        },
        t('language'),
      ),
      who ? h('button', { type: 'button', class: 'link-button', onclick: onSignOut }, t('signOut')) : null,
    ),
  );
}
