import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/http';
import { startTestService, type TestService } from '../support/test-service';
import { ensureConsoleBuilt } from './support/build-console';
import { describeInBrowser, launchChromium } from './support/chromium';
import { openConsole, readyTime, signIn, unlabelledControls, type ConsolePage } from './support/console-page';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const readJson = (p: string) => JSON.parse(readFileSync(path.join(ROOT, p), 'utf8'));
/** Ji County (吉县, Linfen, Shanxi): in the national gazetteer, not in the sample's places. */
const JIXIAN = (readJson('fixtures/reference/counties.json') as { code: string; lon: number; lat: number }[]).find(
  (c) => c.code === '141028',
)!;
const SAMPLE_COUNTIES = (readJson('fixtures/places.json') as { counties: { code: string }[] }).counties.map(
  (c) => c.code,
);
const MAX_KM = (readJson('fixtures/registration-policy.json') as { factoryMaxKmFromCountySeat: number })
  .factoryMaxKmFromCountySeat;

/** Great-circle km, to check where the click put the factory. */
function km(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Text on the page whose colour contrasts less than 4.5:1 with the background behind it (the first opaque one up
 * the tree): WCAG AA for normal text. SVG text is left out (its backdrop is drawn, not a CSS background).
 */
function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as any;
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el: any): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(w.getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad: string[] = [];
    for (const el of w.document.querySelectorAll('main *, header *')) {
      if (el.closest('svg') || el.closest('[hidden]')) continue;
      const own = [...el.childNodes].some((n: any) => n.nodeType === 3 && n.textContent.trim());
      const st = w.getComputedStyle(el);
      if (!own || st.visibility === 'hidden' || st.display === 'none' || Number(st.opacity) < 1) continue;
      if (el.closest('button:disabled')) continue; // WCAG exempts inactive controls
      const fg = rgb(st.color).slice(0, 3);
      const [a, b] = [lum(fg), lum(bgOf(el))].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) bad.push(`${ratio.toFixed(2)} ${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
    }
    return bad;
  });
}

describeInBrowser('console: a dispatcher registers a factory in a county beyond the sample', () => {
  let svc: TestService;
  let browser: Browser;
  let c: ConsolePage;
  let key: string;
  let factoryId: string;

  beforeAll(async () => {
    expect(JIXIAN).toBeDefined();
    expect(SAMPLE_COUNTIES).not.toContain(JIXIAN.code);
    await ensureConsoleBuilt();
    // `seed`: the national gazetteer, as a fresh install has it (the sample alone does not know Ji County).
    svc = await startTestService({ seed: true, now: new Date().toISOString() });
    key = await svc.key('dispatcher', [JIXIAN.code]);
    browser = await launchChromium();
    c = await openConsole(browser, svc.base);
  });
  afterAll(async () => {
    await c?.close();
    await browser?.close();
    await svc?.stop();
  });

  it('finds the county by its Chinese name, places the factory with a click, and lists it', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, key, '/batches');
    await page.getByRole('navigation').getByRole('link', { name: '工厂' }).click();
    await readyTime(page, 'factories');
    expect(await page.getByText('还没有可见的工厂。').count()).toBe(1);

    const search = page.getByRole('combobox', { name: '县区（名称、拼音或代码）' });
    await search.pressSequentially('吉县');
    const option = page.getByRole('option').filter({ hasText: '141028' });
    await option.waitFor();
    expect(await option.textContent()).toMatch(/吉县.*山西.*临汾市.*141028/);
    await page.screenshot({ path: '/tmp/factories-1440-search.png' });
    // Keyboard: the first result is active; Enter chooses it.
    await search.press('Enter');
    await expect(search.inputValue()).resolves.toBe('吉县 · 山西 · 141028');
    const seat = page.locator('[data-testid="placement-map"] .seat.chosen text');
    expect(await seat.textContent()).toBe('吉县'); // the map is centred on the county's seat

    const map = page.getByTestId('placement-map');
    await map.click(); // the middle of the map: the county's seat
    const lon = Number(await page.getByLabel('经度').inputValue());
    const lat = Number(await page.getByLabel('纬度').inputValue());
    expect(km({ lon, lat }, JIXIAN)).toBeLessThan(5);
    await page.getByRole('textbox', { name: '工厂名称' }).fill('吉县苹果加工厂');
    await page.getByRole('textbox', { name: '地址' }).fill('吉县城东工业园');
    await page.getByRole('textbox', { name: '联系人及电话' }).fill('王经理 13800000000');
    await page.getByRole('textbox', { name: '门岗与交接说明' }).fill('东门，大巴停在门卫室北侧');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/factories-1440-form.png', fullPage: true });

    await page.getByRole('button', { name: '登记工厂' }).click();
    await page.getByText(/已登记 吉县苹果加工厂/).waitFor();
    const row = page.locator('table.factories-table tbody tr').filter({ hasText: '吉县苹果加工厂' });
    await row.waitFor();
    // The county's name comes from the national gazetteer, not from the sample's places.
    expect(await row.locator('td').nth(1).textContent()).toBe('吉县');

    const listed = (await api(svc.base, key, 'GET', '/api/v1/factories')).json.factories;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: '吉县苹果加工厂', countyCode: '141028', contact: '王经理 13800000000' });
    expect(km(listed[0], { lon, lat })).toBeLessThan(0.01);
    factoryId = listed[0].id;
    await page.screenshot({ path: '/tmp/factories-1440-listed.png', fullPage: true });
    expect(c.problems).toEqual([]);
  });

  it('refuses a point far outside the county, in Chinese words, and stores nothing', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/factories-390-top.png' });
    await page.getByRole('textbox', { name: '工厂名称' }).fill('远处的工厂');
    // Zoomed out all the way, the map's corner lies hundreds of km from the seat.
    const zoomOut = page.getByRole('button', { name: /缩小/ });
    while (await zoomOut.isEnabled()) await zoomOut.click();
    await page.getByTestId('placement-map').click({ position: { x: 8, y: 30 } });
    const far = { lon: Number(await page.getByLabel('经度').inputValue()), lat: 0 };
    far.lat = Number(await page.getByLabel('纬度').inputValue());
    expect(km(far, JIXIAN)).toBeGreaterThan(MAX_KM);
    await page.getByRole('button', { name: '登记工厂' }).click();
    const alert = page.locator('.factory-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(new RegExp(`距吉县驻地约 \\d+ 公里，超出允许的 ${MAX_KM} 公里`));
    expect(text).not.toMatch(/km from the seat/);
    expect(await page.getByLabel('经度').getAttribute('aria-invalid')).toBe('true');
    expect((await api(svc.base, key, 'GET', '/api/v1/factories')).json.factories).toHaveLength(1);
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/factories-390-error.png' });
    await page.screenshot({ path: '/tmp/factories-390-full.png', fullPage: true });
    expect(await lowContrast(page)).toEqual([]);
    expect(c.problems).toEqual([]);
  });

  it('says the same in English, for coordinates typed in by hand', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: '切换语言' }).click();
    await readyTime(page, 'factories');
    const search = page.getByRole('combobox', { name: 'County (name, pinyin or code)' });
    await search.fill('141028');
    await page.getByRole('option').filter({ hasText: 'Ji County' }).waitFor();
    await search.press('Enter');
    await page.getByRole('textbox', { name: 'Factory name' }).fill('Far away');
    await page.getByLabel('Longitude').fill('116.4');
    await page.getByLabel('Latitude').fill('39.9');
    await page.getByLabel('Latitude').press('Tab'); // change: the marker follows the numbers
    await page.getByRole('button', { name: 'Register factory' }).click();
    const alert = page.locator('.factory-error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      new RegExp(`about \\d+ km from the seat of Ji County, more than the ${MAX_KM} km allowed`),
    );
    await page.screenshot({ path: '/tmp/factories-1440-error-en.png', fullPage: true });
    await page.getByRole('button', { name: 'Switch language' }).click();
    expect(c.problems).toEqual([]);
  });

  it('heads a refusal with its reason, not its code: too far from Ji County, the distance said below', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1440, height: 900 });
    const search = page.getByRole('combobox', { name: '县区（名称、拼音或代码）' });
    await search.fill('141028');
    await page.getByRole('option').filter({ hasText: '吉县' }).click();
    await page.getByRole('textbox', { name: '工厂名称' }).fill('远处的工厂');
    await page.getByLabel('经度').fill('116.4');
    await page.getByLabel('纬度').fill('39.9');
    await page.getByLabel('纬度').press('Tab');
    await page.getByRole('button', { name: '登记工厂' }).click();
    // validation_failed, as any 422 is; the reason says which rule refused it, and names the county.
    const alert = page.locator('.factory-error[data-reason=factory_too_far]');
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe('工厂距离吉县过远。');
    expect(await alert.locator('li').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^位置距吉县驻地约 \\d+ 公里，超出允许的 ${MAX_KM} 公里`)),
    ]);
    expect(await alert.textContent()).toContain('HTTP 422 · validation_failed / factory_too_far');
    expect((await api(svc.base, key, 'GET', '/api/v1/factories')).json.factories).toHaveLength(1);
    expect(c.problems).toEqual([]);
  });

  it("lets the factory's enterprise edit its contact and gate, and nothing else", async () => {
    const ent = await openConsole(browser, svc.base);
    try {
      const { page } = ent;
      await signIn(page, await svc.key('enterprise', [factoryId]), '/arrivals');
      await page.getByRole('navigation').getByRole('link', { name: '工厂' }).click();
      await readyTime(page, 'factories');
      expect(await page.getByRole('combobox').count()).toBe(0); // no registration for enterprises
      await page.getByRole('button', { name: '编辑吉县苹果加工厂的联系方式' }).click();
      const contact = page.locator('tr.edit-row').getByRole('textbox', { name: '联系人及电话' });
      await expect(contact.evaluate((el) => el === (globalThis as any).document.activeElement)).resolves.toBe(true);
      await page.screenshot({ path: '/tmp/factories-1440-edit.png' });
      await contact.fill('李主任 13900000000');
      await page.locator('tr.edit-row').getByRole('textbox', { name: '门岗与交接说明' }).fill('西门');
      await page.keyboard.press('Tab'); // from the gate to Save: the keyboard alone does it
      expect(await page.evaluate(() => (globalThis as any).document.activeElement.textContent)).toBe('保存');
      await page.keyboard.press('Enter');
      await page.getByText('已保存吉县苹果加工厂的联系方式。').waitFor();
      const row = page.locator('tr[data-factory-id]').first();
      expect(await row.textContent()).toContain('李主任 13900000000');
      const saved = (await api(svc.base, key, 'GET', '/api/v1/factories')).json.factories[0];
      expect(saved).toMatchObject({ contact: '李主任 13900000000', gate: '西门', address: '吉县城东工业园' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: '/tmp/factories-390-enterprise.png', fullPage: true });
      expect(ent.problems).toEqual([]);
    } finally {
      await ent.close();
    }
  });
});
