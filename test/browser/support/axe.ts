import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's bundled script, read once; evaluated in the page (an evaluation is not subject to the page's CSP). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  /** The first few elements concerned, as CSS selectors. */
  targets: string[];
}

/**
 * The WCAG 2.1 A and AA rules axe-core finds broken on the page as it stands, worst first. `impacts` keeps only
 * those of the given impacts (default: serious and critical, the ones a screen-reader or keyboard user is
 * blocked by).
 */
export async function axeFindings(page: Page, impacts = ['serious', 'critical']): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as any).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await (globalThis as any).axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n: any) => String(n.target.join(' '))),
    }));
  });
  const order = ['critical', 'serious', 'moderate', 'minor'];
  return (violations as AxeFinding[])
    .filter((v) => impacts.includes(v.impact ?? ''))
    .sort((a, b) => order.indexOf(a.impact ?? '') - order.indexOf(b.impact ?? ''));
}

/** One line per finding, for an assertion message that says what to fix. */
export const describeFindings = (page: string, f: readonly AxeFinding[]): string[] =>
  f.map((x) => `${page}: ${x.id} (${x.impact}) ${x.help} — ${x.targets.join(', ')}`);
