import { fixedClock, systemClock } from '../../src/clock';

describe('clock', () => {
  it('when pinned, then it reads the pinned time until moved', () => {
    const c = fixedClock('2027-06-01T08:00:00+08:00');
    expect(c.now().toISOString()).toBe('2027-06-01T00:00:00.000Z');
    c.advance(90_000);
    expect(c.now().toISOString()).toBe('2027-06-01T00:01:30.000Z');
    c.set('2028-03-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  it('when given something that is not a date, then it refuses', () => {
    expect(() => fixedClock('2027-02-30x')).toThrow(RangeError);
  });

  it('when it is the system clock, then each reading is a fresh Date', () => {
    const a = systemClock.now();
    a.setTime(0);
    expect(systemClock.now().getTime()).toBeGreaterThan(0);
  });
});
