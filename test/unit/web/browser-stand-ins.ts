/**
 * The console keeps its language in sessionStorage and on <html lang>: stand-ins for both outside a browser, so
 * its modules (loaded with jest.requireActual after this runs) can be tested here.
 */
const stored = new Map<string, string>();
Object.assign(globalThis, {
  sessionStorage: {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => stored.set(k, v),
  },
  document: { documentElement: {} },
});
