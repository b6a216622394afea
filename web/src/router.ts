import type { Role } from './lib/session';

export interface ViewContext {
  /** The element the view renders into (a fresh one per navigation). */
  root: HTMLElement;
  /** Captured groups of the route's pattern. */
  params: string[];
  query: URLSearchParams;
  /** Aborted when the user navigates away: pass it to fetches and streams. */
  signal: AbortSignal;
  navigate(path: string, opts?: { replace?: boolean }): void;
  /** Marks the view as showing its data: `performance.mark('ready:<name>')`, html[data-ready]. */
  ready(name: string): void;
  setTitle(title: string): void;
}

export interface Route {
  pattern: RegExp;
  /** Roles allowed (admin always); null = no sign-in needed. */
  roles: Role[] | null;
  view: (ctx: ViewContext) => void | Promise<void>;
}

export function match(routes: Route[], path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/** Same-origin links without a download attribute or a target are handled in the page. */
export function interceptLinks(navigate: (path: string) => void): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.hasAttribute('download') || a.target || !a.href) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    // An in-page jump (the skip link) is the browser's to handle.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
