import type { Browser } from 'playwright-core';
import { api } from '../support/http';
import { HOTAN, hotanRows } from '../support/sample';
import { waitFor, type TestService } from '../support/test-service';
import { axeFindings, describeFindings } from './support/axe';
import { describeInBrowser, launchChromium } from './support/chromium';
import {
  openConsole,
  readyTime,
  screenshot,
  signIn,
  unlabelledControls,
  type ConsolePage,
} from './support/console-page';
import { startConsoleService } from './support/scenario';

jest.setTimeout(180_000);

/** Before the batches' trips leave on 10 March 2027: they can still be merged. 墨玉's 70 and 策勒's 60 fill one charter. */
const NOW = '2027-01-15T09:00:00+08:00';

describeInBrowser('console: a dispatcher plans two batches together', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  const ids: string[] = [];

  beforeAll(async () => {
    svc = await startConsoleService(NOW);
    key = await svc.key('dispatcher', ['653222', '653225']);
    for (const [name, workers] of [
      ['墨玉 3月10日', hotanRows(HOTAN.moyu, 70, 1)],
      ['策勒 3月10日', hotanRows(HOTAN.cele, 60, 200)],
    ] as const) {
      const r = await api(svc.base, key, 'POST', '/api/v1/batches', { name, workers });
      expect(r.status).toBe(202);
      ids.push(r.json.id);
    }
    for (const id of ids)
      await waitFor('planned', async () => (await api(svc.base, key, 'GET', `/api/v1/batches/${id}`)).json.status === 'planned');
    browser = await launchChromium();
  }); // prettier-ignore
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('when both are ticked and merged, then the new batch is planned with one flight and the old ones point to it', async () => {
    c = await openConsole(browser, svc.base);
    const { page } = c;
    await signIn(page, key, '/batches');
    await readyTime(page, 'batches');
    const submit = page.getByRole('button', { name: /合并编排 \d+ 个批次/ });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: '将墨玉 3月10日与其他批次合并编排' }).check();
    expect(await submit.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: '将策勒 3月10日与其他批次合并编排' }).check();
    await page.getByLabel('合并后名称').fill('和田 合并');
    expect(await page.getByTestId('merge-chosen').textContent()).toBe('已选：墨玉 3月10日、策勒 3月10日');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(describeFindings('/batches (merge)', await axeFindings(page))).toEqual([]);
    await screenshot(page, 'batch-merge', 'full');
    await submit.click();

    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    const joint = page.url().split('/').pop()!;
    expect(ids).not.toContain(joint);
    await readyTime(page, 'plan', 60_000);
    expect(await page.locator('h1').first().textContent()).toContain('和田 合并');
    const plan = (await api(svc.base, key, 'GET', `/api/v1/batches/${joint}/plan`)).json;
    const trunks = plan.trips.flatMap((t: any) => t.legs).filter((l: any) => l.kind === 'trunk');
    expect(new Set(trunks.map((l: any) => l.vehicleKey)).size).toBe(1);
    expect(trunks[0].vehicleTypeId).toMatch(/^flight-(a320|b738)$/);
    await screenshot(page, 'batch-merged-plan', 'full');

    await page.goto(`${svc.base}/batches/${ids[0]}`);
    const note = page.getByTestId('merged-into');
    await note.waitFor();
    expect(await note.textContent()).toContain('本批次已合并到另一批次并一同编排');
    await note.getByRole('link').click();
    await page.waitForURL(new RegExp(`/batches/${joint}$`));
  });
});
