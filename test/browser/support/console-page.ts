import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(__dirname, '../../../artifacts/screenshots');

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and Content-Security-Policy reports seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context (its own sessionStorage) at 1366×900, recording page errors and CSP violations. */
export async function openConsole(browser: Browser, base: string): Promise<ConsolePage> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed fetches (4xx answers the console shows on purpose) are logged by Chromium too; those are fine.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems, close: () => context.close() };
}

/** Signs in on the sign-in page with an API key and waits for the role's home page. */
export async function signIn(page: Page, key: string, home: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('API 密钥').fill(key);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`**${home}`);
}

/** Waits for a view to show its data (html[data-ready=name]) and returns its time since navigation start in ms. */
export async function readyTime(page: Page, name: string, timeout = 20_000): Promise<number> {
  await page.waitForSelector(`html[data-ready="${name}"]`, { timeout });
  return page.evaluate((n) => {
    const marks = performance.getEntriesByName(`ready:${n}`);
    return Math.round(marks[marks.length - 1]?.startTime ?? -1);
  }, name);
}

/** Loads a page afresh (a full navigation) and returns how long until its data was on screen. */
export async function timedLoad(page: Page, url: string, name: string): Promise<number> {
  await page.goto(url);
  return readyTime(page, name);
}

/** artifacts/screenshots/<name>.png of the viewport, the whole page, or one element. */
export async function screenshot(
  page: Page,
  name: string,
  what: 'viewport' | 'full' | Locator = 'viewport',
): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (typeof what === 'string') await page.screenshot({ path: file, fullPage: what === 'full' });
  else await what.screenshot({ path: file });
  return file;
}

/** Prints page timings in one block, so they show in the test output and CI logs. */
export function reportTimings(title: string, timings: Record<string, number>): void {
  console.log(
    `${title}\n${Object.entries(timings)
      .map(([k, v]) => `  ${k.padEnd(28)} ${String(v).padStart(5)} ms`)
      .join('\n')}`,
  );
}

/** Form controls on the page with no label (<label for>, a wrapping label or aria-label): should be none. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as any; // the page's window
    return [...w.document.querySelectorAll('input, select, textarea')]
      .filter(
        (el: any) =>
          el.type !== 'hidden' &&
          !(el.labels && el.labels.length) &&
          !el.getAttribute('aria-label') &&
          !el.getAttribute('aria-labelledby'),
      )
      .map((el: any) => el.outerHTML.slice(0, 120));
  });
}
