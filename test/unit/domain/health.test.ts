import { checkBoarding, checkHealth } from '../../../src/domain/health/health-checks';
import type { HealthPolicy } from '../../../src/domain/health/health-policy';
import { loadHealthPolicy } from '../../../src/reference/load-fixtures';

const policy: HealthPolicy = {
  defaults: { recognisedIssuers: 'all', nucleicTestMaxAgeHours: null },
  destinations: { '44': { nucleicTestMaxAgeHours: 48 }, '65': { recognisedIssuers: ['62'] } },
  boarding: { feverFromC: 37.3, maskRequired: true },
};
const depart = '2020-03-02T08:00:00.000Z';
const facts = (over = {}) => ({
  healthCode: 'green' as const,
  issuer: '52',
  destinationProvince: '33',
  nucleicTestAt: null,
  ...over,
});

describe('health rules by destination province', () => {
  it('when the code is green and recognised with no test required, then the worker travels with a full check list', () => {
    const v = checkHealth(policy, facts(), depart);
    expect(v.ok).toBe(true);
    expect(v.checks).toEqual({
      codeColour: 'green',
      issuer: '52',
      destinationProvince: '33',
      recognised: true,
      nucleicTest: { required: false, maxAgeHours: null, takenAt: null, validAtDeparture: true },
      boarding: null,
    });
  });
  it('when yellow or red, then held with that reason', () => {
    expect(checkHealth(policy, facts({ healthCode: 'yellow' }), depart)).toMatchObject({
      ok: false,
      code: 'health-code-yellow',
    });
    expect(checkHealth(policy, facts({ healthCode: 'red' }), depart)).toMatchObject({
      ok: false,
      code: 'health-code-red',
    });
  });
  it('when the destination does not recognise the issuing province, then held; its own province always counts', () => {
    expect(checkHealth(policy, facts({ destinationProvince: '65' }), depart)).toMatchObject({
      ok: false,
      code: 'health-code-unrecognised',
      reason: expect.stringMatching(/65 does not recognise .* 52/),
    });
    expect(checkHealth(policy, facts({ destinationProvince: '65', issuer: '65' }), depart).ok).toBe(true);
    expect(checkHealth(policy, facts({ destinationProvince: '65', issuer: '62' }), depart).ok).toBe(true);
  });
  it('when a test is required, then it must exist and be no older than the window at departure', () => {
    const to44 = (nucleicTestAt: string | null) =>
      checkHealth(policy, facts({ destinationProvince: '44', nucleicTestAt }), depart);
    expect(to44(null)).toMatchObject({ ok: false, code: 'nucleic-test-missing' });
    expect(to44('2020-02-29T08:00:00.000Z').ok).toBe(true); // exactly 48 h
    expect(to44('2020-02-29T07:59:00.000Z')).toMatchObject({ ok: false, code: 'nucleic-test-expired' });
    expect(to44('2020-03-03T08:00:00.000Z')).toMatchObject({ ok: false, code: 'nucleic-test-expired' }); // taken after departure
  });
  it('the bundled policy parses and requires tests for Guangdong', () => {
    expect(loadHealthPolicy().destinations['44']?.nucleicTestMaxAgeHours).toBe(168);
  });
});

describe('the boarding check', () => {
  it('when the temperature is 37.3 °C or more, there is no mask or the code is no longer green, then boarding fails', () => {
    expect(checkBoarding(policy, { temperatureC: 37.2, mask: true, codeColour: 'green' })).toEqual({
      passed: true,
      reason: null,
    });
    expect(checkBoarding(policy, { temperatureC: 37.3, mask: true, codeColour: 'green' })).toEqual({
      passed: false,
      reason: 'temperature 37.3 °C at or above 37.3 °C',
    });
    expect(checkBoarding(policy, { temperatureC: 36.5, mask: false, codeColour: 'green' }).reason).toBe(
      'no mask at boarding',
    );
    expect(checkBoarding(policy, { temperatureC: 36.5, mask: true, codeColour: 'yellow' }).passed).toBe(false);
  });
});
