/**
 * The factories, finance, crew and boarding views word a refusal by its reason, not its code: two refusals that
 * share a code are told apart, a view's own words stay where they say more (a field, what was not recorded).
 */
import './browser-stand-ins';

/**
 * The views' word functions, loaded after the stand-ins exist. Typed here by hand: their modules use the DOM's
 * types, which the server's compiler settings (that check these tests) do not know.
 */
interface ApiErrorLike {
  status: number;
  code: string;
  reason: string | null;
  params: Record<string, string | number>;
  details: unknown;
}
interface RowError {
  row: number;
  field: string;
  message: string;
}
interface Refusal {
  code: string;
  message: string;
  until?: string;
}
type Ctx = { countyCode?: string; countyLabel: (code: string) => string };
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the stand-ins above exist */
const { ApiError } = require('../../../web/src/lib/api') as {
  ApiError: new (...a: [number, string, string, unknown, string | null, object?]) => ApiErrorLike;
};
const { setLang } = require('../../../web/src/lib/i18n') as { setLang(lang: 'zh-CN' | 'en'): void };
const factories = require('../../../web/src/views/factories/factory-errors') as {
  factoryHeadline(e: unknown, c: Ctx): string;
  problemText(e: RowError, c: Ctx): string;
};
const flow = require('../../../web/src/views/finance/flow-actions') as {
  refusalOf(e: unknown): Refusal | null;
  refusalText(r: Refusal): string;
};
const crew = require('../../../web/src/views/fleet/crew-errors') as { crewRefusalText(e: unknown): string };
const boarding = require('../../../web/src/views/boarding/boarding-errors') as {
  boardingHeadline(e: unknown): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const err = (status: number, code: string, reason: string | null, params = {}, details: unknown = null) =>
  new ApiError(status, code, `server words for ${reason ?? code}`, details, reason, params);
const county = { countyLabel: (code: string) => (code === '141028' ? '吉县' : code) };

describe.each(['zh-CN', 'en'] as const)('refusals worded by reason (%s)', (lang) => {
  beforeAll(() => setLang(lang));
  const zh = lang === 'zh-CN';

  it('when two factory refusals share the code forbidden, then each headline says its own reason', () => {
    const byCounty = factories.factoryHeadline(
      err(403, 'forbidden', 'factory_county_forbidden', { countyCode: '141028' }),
      county,
    );
    const byRole = factories.factoryHeadline(err(403, 'forbidden', 'finance_edits_no_factories'), county);
    expect(byCounty).not.toEqual(byRole);
    expect(byCounty).toBe(
      zh
        ? '只有管理员或吉县的调度员可以在该县登记工厂。'
        : 'Only an admin or a dispatcher of 吉县 registers factories there.',
    );
    expect(byRole).toBe(zh ? '财务密钥不能修改工厂。' : 'Finance keys do not edit factories.');
  });

  it('when a registration is refused as too far, then the headline names the county and the row its distance', () => {
    const e = err(422, 'validation_failed', 'factory_too_far', { countyCode: '141028' }, [
      { row: 0, field: 'lon', message: '350 km from the seat of Ji County; at most 80 km' },
    ]);
    expect(factories.factoryHeadline(e, county)).toBe(
      zh ? '工厂距离吉县过远。' : 'The factory lies too far from 吉县.',
    );
    expect(factories.problemText((e.details as RowError[])[0], { ...county, countyCode: '141028' })).toMatch(
      zh
        ? /距吉县驻地约 350 公里，超出允许的 80 公里/
        : /about 350 km from the seat of 吉县, more than the 80 km allowed/,
    );
  });

  it('when a factory is not found, then the catalogue names the thing (no words by code left)', () => {
    expect(factories.factoryHeadline(err(404, 'not_found', 'not_found', { thing: 'factory' }), county)).toBe(
      zh ? '未找到工厂。' : 'Factory not found.',
    );
  });

  it('when a flow refusal comes under another code, then its reason still makes it the flow refusal it is', () => {
    const until = '2026-03-09T06:05:00.000Z';
    const r = flow.refusalOf(err(409, 'conflict', 'notice_running', { until }));
    expect(r).toEqual({ code: 'notice_running', message: 'server words for notice_running', until });
    expect(flow.refusalText(r!)).toContain('2026-03-09 14:05');
  });

  it('when a step is refused under a flow code for another reason, then it is no flow refusal', () => {
    expect(flow.refusalOf(err(409, 'wrong_status', 'role_forbidden', { role: 'enterprise' }))).toBeNull();
    expect(flow.refusalOf(err(409, 'wrong_status', 'wrong_status'))).toMatchObject({ code: 'wrong_status' });
  });

  it('when a crew refusal is not_found, then the words say whether the leg, the vehicle or a driver is missing', () => {
    const leg = crew.crewRefusalText(err(404, 'not_found', 'not_found', { thing: 'leg' }));
    const driver = crew.crewRefusalText(err(404, 'not_found', 'not_found', { thing: 'driver' }));
    const vehicle = crew.crewRefusalText(err(404, 'not_found', 'not_found', { thing: 'vehicle' }));
    expect(new Set([leg, driver, vehicle]).size).toBe(3);
    expect(leg).toBe(zh ? '未找到路段。' : 'Leg not found.');
    expect(driver).toBe(zh ? '司机不存在，或不属于本车次所在县区。' : "No such driver in this trip's county.");
  });

  it('when a vehicle is too small, then the catalogue names its plate and seats', () => {
    const text = crew.crewRefusalText(
      err(422, 'vehicle_too_small', 'vehicle_too_small', { plate: '晋A12345', seats: 7, passengers: 30 }),
    );
    expect(text).toContain('晋A12345');
    expect(text).toContain('30');
  });

  it('when the crew changed meanwhile (code conflict), then its reason is said, not a generic conflict', () => {
    expect(crew.crewRefusalText(err(409, 'conflict', 'crew_changed'))).toBe(
      zh ? '分派期间车组已被修改，请重试。' : 'The crew changed while it was assigned; try again.',
    );
  });

  it('when boarding is forbidden for a role or a county, then the two headlines differ and say which', () => {
    const role = boarding.boardingHeadline(err(403, 'forbidden', 'role_forbidden', { role: 'finance' }));
    const scope = boarding.boardingHeadline(err(403, 'forbidden', 'county_outside_scope', { countyCode: '141028' }));
    expect(role).not.toEqual(scope);
    expect(role).toContain(zh ? '财务' : 'Finance');
    expect(scope).toContain('141028');
  });

  it('when boarding is refused for a reason it words itself, then its words say nothing was recorded', () => {
    const closed = boarding.boardingHeadline(err(409, 'boarding_closed', 'boarding_closed'));
    expect(closed).toBe(
      zh
        ? '这趟车已到达，登车检查已关闭，本次检查未记录。'
        : 'This trip has arrived: boarding is closed, and this check was not recorded.',
    );
    const passenger = boarding.boardingHeadline(err(404, 'not_found', 'not_found', { thing: 'passenger' }));
    expect(passenger).toBe(zh ? '未找到乘客。' : 'Passenger not found.');
    expect(boarding.boardingHeadline(new ApiError(0, 'network', 'Failed to fetch', null, null))).toMatch(
      zh ? /无法连接服务器/ : /could not be reached/,
    );
  });
});
