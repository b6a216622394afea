import './styles.css';
import { whenUnauthorized } from './lib/api';
import { fill, h } from './lib/dom';
import { currentLang, setLang, t } from './lib/i18n';
import { can, me, signOut } from './lib/session';
import { errorBox, loadingLine } from './lib/widgets';
import { header, homeOf } from './layout';
import { interceptLinks, match, type Route, type ViewContext } from './router';
import { keepScrollRegionsFocusable } from './lib/scroll-regions';
import { loadRomaniser } from './lib/romanise';

const ID = '([0-9a-fA-F-]{36})';
const routes: Route[] = [
  { pattern: /^\/sign-in$/, roles: null, view: async (c) => (await import('./views/sign-in')).signInView(c) },
  {
    pattern: /^\/batches$/,
    roles: ['dispatcher', 'finance'],
    view: async (c) => (await import('./views/batches')).batchesView(c),
  },
  {
    pattern: new RegExp(`^/batches/${ID}$`),
    roles: ['dispatcher', 'finance'],
    view: async (c) => (await import('./views/batch')).batchView(c),
  },
  {
    pattern: new RegExp(`^/batches/${ID}/trips/${ID}/manifest$`),
    roles: ['dispatcher'],
    view: async (c) => (await import('./views/manifest')).manifestView(c),
  },
  {
    pattern: new RegExp(`^/batches/${ID}/trips/${ID}/notices$`),
    roles: ['dispatcher'],
    view: async (c) => (await import('./views/notices')).pickupNoticesView(c),
  },
  {
    pattern: new RegExp(`^/batches/${ID}/trips/${ID}/boarding$`),
    roles: ['dispatcher'],
    view: async (c) => (await import('./views/boarding')).boardingView(c),
  },
  {
    pattern: new RegExp(`^/batches/${ID}/trips/${ID}/vehicle-plan$`),
    roles: ['dispatcher'],
    view: async (c) => (await import('./views/fleet/vehicle-plan')).vehiclePlanView(c),
  },
  {
    pattern: new RegExp(`^/batches/${ID}/trips/${ID}/driver-manifest$`),
    roles: ['dispatcher'],
    view: async (c) => (await import('./views/fleet/driver-manifest')).driverManifestView(c),
  },
  {
    pattern: /^\/fleet$/,
    roles: ['dispatcher'],
    view: async (c) => (await import('./views/fleet')).fleetView(c),
  },
  {
    pattern: /^\/arrivals$/,
    roles: ['enterprise'],
    view: async (c) => (await import('./views/arrivals')).arrivalsView(c),
  },
  {
    pattern: /^\/factories$/,
    roles: ['dispatcher', 'enterprise'],
    view: async (c) => (await import('./views/factories')).factoriesView(c),
  },
  {
    pattern: /^\/reports$/,
    roles: ['dispatcher', 'finance'],
    view: async (c) => (await import('./views/reports')).reportsView(c),
  },
  {
    pattern: /^\/subsidies$/,
    roles: ['finance'],
    view: async (c) => (await import('./views/subsidies')).subsidiesView(c),
  },
  {
    pattern: /^\/subsidy-lists$/,
    roles: ['finance'],
    view: async (c) => (await import('./views/subsidy-lists')).subsidyListsView(c),
  },
  {
    pattern: new RegExp(`^/subsidy-lists/${ID}$`),
    roles: ['finance'],
    view: async (c) => (await import('./views/subsidy-list')).subsidyListView(c),
  },
];

const app = document.getElementById('app')!;
let current: AbortController | null = null;
let focusHeading = false;

function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  focusHeading = true;
  void render();
}

async function render(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  delete document.documentElement.dataset.ready;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const who = me();

  if (path === '/') return navigate(who ? homeOf(who) : '/sign-in', { replace: true });
  const found = match(routes, path);
  if (found?.route.roles && !who)
    return navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  if (path === '/sign-in' && who) return navigate(homeOf(who), { replace: true });

  const main = h('main', { id: 'main', tabindex: '-1' });
  fill(
    app,
    header(who, path, switchLanguage, () => {
      signOut();
      navigate('/sign-in');
    }),
    main,
  );

  if (!found) {
    main.append(h('h1', null, t('notFoundPage')));
    return;
  }
  if (found.route.roles && !can(who, ...found.route.roles)) {
    main.append(h('h1', null, t('notAllowed')));
    return;
  }
  const ctx: ViewContext = {
    root: main,
    params: found.params,
    query: new URLSearchParams(location.search),
    signal: controller.signal,
    navigate,
    ready(name) {
      if (controller.signal.aborted) return;
      performance.mark(`ready:${name}`);
      document.documentElement.dataset.ready = name;
    },
    setTitle: (title) => void (document.title = `${title} · ${t('appTitle')}`),
  };
  main.append(loadingLine());
  try {
    // In English, village names read in pinyin: the dictionary is fetched (once) before the view draws them.
    if (currentLang() === 'en') await loadRomaniser();
    if (controller.signal.aborted) return;
    await found.route.view(ctx);
  } catch (e) {
    if (controller.signal.aborted || (e as Error).name === 'AbortError') return;
    main.append(errorBox(e));
  }
  if (focusHeading && !controller.signal.aborted) {
    focusHeading = false;
    (main.querySelector('h1') as HTMLElement | null)?.setAttribute('tabindex', '-1');
    (main.querySelector('h1') as HTMLElement | null)?.focus({ preventScroll: true });
  }
}

function switchLanguage(): void {
  setLang(currentLang() === 'en' ? 'zh-CN' : 'en');
  void render();
}

whenUnauthorized(() => {
  signOut();
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true });
});
setLang(currentLang());
keepScrollRegionsFocusable(app);
interceptLinks((p) => navigate(p));
window.addEventListener('popstate', () => void render());
void render();
