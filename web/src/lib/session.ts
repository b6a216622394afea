/** What this browser tab remembers: the API key and its role (sessionStorage only, gone when the tab closes). */
export type Role = 'dispatcher' | 'enterprise' | 'finance' | 'admin';
export interface Me {
  role: Role;
  scopes: string[];
}
export interface RecentBatch {
  id: string;
  name: string;
  at: string;
}

const KEY = 'p2p.key';
const ME = 'p2p.me';
const RECENT = 'p2p.recentBatches';
const MAX_RECENT = 12;

const read = <T>(k: string): T | null => {
  try {
    const v = sessionStorage.getItem(k);
    return v ? (JSON.parse(v) as T) : null;
  } catch {
    return null;
  }
};

export const apiKey = (): string | null => sessionStorage.getItem(KEY);
export const me = (): Me | null => read<Me>(ME);

export function signIn(key: string, who: Me): void {
  sessionStorage.setItem(KEY, key);
  sessionStorage.setItem(ME, JSON.stringify(who));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ME);
  sessionStorage.removeItem(RECENT);
}

/** May this role use a feature meant for `roles`? (admin may use everything) */
export const can = (who: Me | null, ...roles: Role[]): boolean =>
  !!who && (who.role === 'admin' || roles.includes(who.role));

export const recentBatches = (): RecentBatch[] => read<RecentBatch[]>(RECENT) ?? [];

export function rememberBatch(b: RecentBatch): void {
  const rest = recentBatches().filter((x) => x.id !== b.id);
  sessionStorage.setItem(RECENT, JSON.stringify([b, ...rest].slice(0, MAX_RECENT)));
}
