import type { Browser } from 'playwright-core';
import { api } from '../../support/http';
import type { TestService } from '../../support/test-service';
import { launchChromium } from './chromium';
import { openConsole, signIn, type ConsolePage } from './console-page';
import {
  ALL_COUNTIES,
  ALL_FACTORIES,
  confirmAllArrivals,
  plannedSample,
  startConsoleService,
  type PlanJson,
} from './scenario';

export type Role = 'dispatcher' | 'enterprise' | 'finance';
export const ROLES: readonly Role[] = ['dispatcher', 'enterprise', 'finance'];

export interface Visit {
  /** A short name for screenshots and findings. */
  name: string;
  url: string;
  /** The view's html[data-ready] name. */
  ready: string;
}

/**
 * A console with something on every page: the sample batch planned, everyone arrived and employed, one subsidy
 * list made; a key for each role over the whole sample. Checks that walk every page (phone layout,
 * accessibility) share it.
 */
export interface EveryPageWorld {
  svc: TestService;
  browser: Browser;
  plan: PlanJson;
  keys: Record<Role, string>;
  listId: string;
  /** Opens a fresh console (closed by `stop`), signed in as the role, at its first page, in zh or en. */
  open(role: Role | null, lang?: 'zh' | 'en', viewport?: { width: number; height: number }): Promise<ConsolePage>;
  stop(): Promise<void>;
}

export async function startEveryPageWorld(): Promise<EveryPageWorld> {
  const svc = await startConsoleService();
  const keys: Record<Role, string> = {
    dispatcher: await svc.key('dispatcher', ALL_COUNTIES),
    enterprise: await svc.key('enterprise', ALL_FACTORIES),
    finance: await svc.key('finance', ALL_COUNTIES),
  };
  const plan = await plannedSample(svc, keys.dispatcher);
  await confirmAllArrivals(svc, keys.enterprise, plan);
  const list = await api(svc.base, keys.finance, 'POST', '/api/v1/subsidy-lists', { county: plan.trips[0].countyCode });
  if (list.status !== 201) throw new Error(`subsidy list refused: ${list.status} ${list.text}`);
  const browser = await launchChromium();
  const opened: ConsolePage[] = [];
  const world: EveryPageWorld = {
    svc,
    browser,
    plan,
    keys,
    listId: list.json.id,
    async open(role, lang = 'zh', viewport) {
      const c = await openConsole(browser, svc.base);
      opened.push(c);
      if (viewport) await c.page.setViewportSize(viewport);
      if (!role) return c;
      await signIn(c.page, keys[role], pagesOf(world, role)[0].url.split('?')[0]);
      if (lang === 'en') await c.page.getByRole('button', { name: '切换语言' }).click();
      return c;
    },
    async stop() {
      for (const c of opened) await c.close();
      await browser.close();
      await svc.stop();
    },
  };
  return world;
}

/** Every page a role works with, its home first. */
export function pagesOf(w: Pick<EveryPageWorld, 'plan' | 'listId'>, role: Role): Visit[] {
  const trip = w.plan.trips[0];
  const b = w.plan.batchId;
  const reports = { name: 'reports', url: '/reports?from=2020-02-01&to=2020-03-31', ready: 'reports' };
  if (role === 'dispatcher')
    return [
      { name: 'batches', url: '/batches', ready: 'batches' },
      { name: 'plan', url: `/batches/${b}`, ready: 'plan' },
      { name: 'manifest', url: `/batches/${b}/trips/${trip.id}/manifest`, ready: 'manifest' },
      { name: 'notices', url: `/batches/${b}/trips/${trip.id}/notices`, ready: 'pickup-notices' },
      { name: 'boarding', url: `/batches/${b}/trips/${trip.id}/boarding`, ready: 'boarding' },
      { name: 'vehicle-plan', url: `/batches/${b}/trips/${trip.id}/vehicle-plan`, ready: 'vehicle-plan' },
      { name: 'driver-manifest', url: `/batches/${b}/trips/${trip.id}/driver-manifest`, ready: 'driver-manifest' },
      { name: 'factories', url: '/factories', ready: 'factories' },
      { name: 'fleet', url: '/fleet', ready: 'fleet' },
      reports,
    ];
  if (role === 'enterprise')
    return [
      { name: 'arrivals', url: '/arrivals', ready: 'arrivals' },
      // Everybody has arrived by now: this tab holds the rows, with their buttons.
      { name: 'arrivals-arrived', url: '/arrivals?tab=arrived', ready: 'arrivals' },
      { name: 'arrivals-no-show', url: '/arrivals?tab=no-show', ready: 'arrivals' },
      { name: 'factories', url: '/factories', ready: 'factories' },
    ];
  return [
    { name: 'subsidies', url: '/subsidies', ready: 'subsidies' },
    { name: 'batches', url: '/batches', ready: 'batches' },
    { name: 'plan', url: `/batches/${b}`, ready: 'plan' },
    { name: 'subsidy-lists', url: '/subsidy-lists', ready: 'subsidy-lists' },
    { name: 'subsidy-list', url: `/subsidy-lists/${w.listId}`, ready: 'subsidy-list' },
    reports,
  ];
}
