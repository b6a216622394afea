import type { Browser } from 'playwright-core';
import { api } from '../support/http';
import type { TestService } from '../support/test-service';
import { axeFindings, describeFindings } from './support/axe';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, signIn, type ConsolePage } from './support/console-page';
import {
  ALL_COUNTIES,
  ALL_FACTORIES,
  confirmAllArrivals,
  plannedSample,
  startConsoleService,
  type PlanJson,
} from './support/scenario';

jest.setTimeout(300_000);

interface Visit {
  url: string;
  ready: string;
}

/**
 * Every page of each role's day, checked with axe-core (WCAG 2.1 A and AA) in Chinese and in English, at desk and
 * phone size: no serious or critical finding (contrast, names of controls, landmarks, ARIA use, …).
 */
describeInBrowser('console: accessibility of every page (axe-core, WCAG 2.1 AA)', () => {
  let svc: TestService;
  let browser: Browser;
  let plan: PlanJson;
  const keys: Record<'dispatcher' | 'enterprise' | 'finance', string> = { dispatcher: '', enterprise: '', finance: '' };
  let listId: string;
  const opened: ConsolePage[] = [];

  beforeAll(async () => {
    svc = await startConsoleService();
    keys.dispatcher = await svc.key('dispatcher', ALL_COUNTIES);
    keys.enterprise = await svc.key('enterprise', ALL_FACTORIES);
    keys.finance = await svc.key('finance', ALL_COUNTIES);
    plan = await plannedSample(svc, keys.dispatcher);
    await confirmAllArrivals(svc, keys.enterprise, plan);
    const list = await api(svc.base, keys.finance, 'POST', '/api/v1/subsidy-lists', {
      county: plan.trips[0].countyCode,
    });
    expect(list.status).toBe(201);
    listId = list.json.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
    await browser?.close();
    await svc?.stop();
  });

  const pagesOf = (role: keyof typeof keys): Visit[] => {
    const trip = plan.trips[0];
    const b = plan.batchId;
    if (role === 'dispatcher')
      return [
        { url: '/batches', ready: 'batches' },
        { url: `/batches/${b}`, ready: 'plan' },
        { url: `/batches/${b}/trips/${trip.id}/manifest`, ready: 'manifest' },
        { url: `/batches/${b}/trips/${trip.id}/notices`, ready: 'pickup-notices' },
        { url: `/batches/${b}/trips/${trip.id}/boarding`, ready: 'boarding' },
        { url: '/factories', ready: 'factories' },
        { url: '/fleet', ready: 'fleet' },
        { url: '/reports?from=2020-03-01&to=2020-03-31', ready: 'reports' },
      ];
    if (role === 'enterprise')
      return [
        { url: '/arrivals', ready: 'arrivals' },
        { url: '/factories', ready: 'factories' },
      ];
    return [
      { url: '/subsidies', ready: 'subsidies' },
      { url: '/subsidy-lists', ready: 'subsidy-lists' },
      { url: `/subsidy-lists/${listId}`, ready: 'subsidy-list' },
      { url: '/reports?from=2020-03-01&to=2020-03-31', ready: 'reports' },
    ];
  };

  it('has no serious finding on the sign-in page', async () => {
    const c = await openConsole(browser, svc.base);
    opened.push(c);
    await c.page.goto('/sign-in');
    await readyTime(c.page, 'sign-in');
    expect(describeFindings('/sign-in', await axeFindings(c.page))).toEqual([]);
  });

  for (const role of ['dispatcher', 'enterprise', 'finance'] as const)
    for (const [lang, width, height] of [
      ['zh', 1366, 900],
      ['en', 390, 844],
    ] as const)
      it(`has no serious finding on the ${role}'s pages (${lang}, ${width}×${height})`, async () => {
        const c = await openConsole(browser, svc.base);
        opened.push(c);
        const { page } = c;
        await page.setViewportSize({ width, height });
        await signIn(page, keys[role], pagesOf(role)[0].url.split('?')[0]);
        if (lang === 'en') await page.getByRole('button', { name: '切换语言' }).click();
        const found: string[] = [];
        for (const v of pagesOf(role)) {
          await page.goto(v.url);
          await readyTime(page, v.ready, 60_000);
          found.push(...describeFindings(v.url, await axeFindings(page)));
        }
        expect(found).toEqual([]);
        expect(c.problems).toEqual([]);
      });
});
