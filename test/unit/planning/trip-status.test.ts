import { hasLeft, tripStatus, type TripStatusFacts } from '../../../src/domain/planning/trip-status';

const DEPART = '2027-04-01T07:00:00+08:00';
const ARRIVE = '2027-04-01T19:00:00+08:00';
const facts = (over: Partial<TripStatusFacts> = {}): TripStatusFacts => ({
  departAt: DEPART,
  arriveAt: ARRIVE,
  boarded: false,
  arrived: false,
  locked: false,
  ...over,
});
const at = (iso: string, ms = 0) => new Date(Date.parse(iso) + ms);

describe('tripStatus', () => {
  it('is planned until the moment of departure, and departed from that moment', () => {
    expect(tripStatus(facts(), at(DEPART, -1))).toBe('planned');
    expect(tripStatus(facts(), at(DEPART))).toBe('departed');
  });

  it('is departed until the moment of arrival, and arrived from that moment', () => {
    expect(tripStatus(facts(), at(ARRIVE, -1))).toBe('departed');
    expect(tripStatus(facts(), at(ARRIVE))).toBe('arrived');
  });

  it('is locked when a dispatcher locked it, until departure', () => {
    expect(tripStatus(facts({ locked: true }), at(DEPART, -1))).toBe('locked');
    expect(tripStatus(facts({ locked: true }), at(DEPART))).toBe('departed');
  });

  it('is boarding once door checks are recorded, before departure, even when locked', () => {
    expect(tripStatus(facts({ boarded: true }), at(DEPART, -1))).toBe('boarding');
    expect(tripStatus(facts({ boarded: true, locked: true }), at(DEPART, -1))).toBe('boarding');
    expect(tripStatus(facts({ boarded: true }), at(DEPART))).toBe('departed');
  });

  it('is arrived as soon as an arrival is recorded, whatever the clock', () => {
    expect(tripStatus(facts({ arrived: true }), at(DEPART, -60_000))).toBe('arrived');
    expect(tripStatus(facts({ arrived: true, boarded: true, locked: true }), at(ARRIVE, -1))).toBe('arrived');
  });

  it('takes Date times as well as ISO strings', () => {
    const f = facts({ departAt: new Date(DEPART), arriveAt: new Date(ARRIVE) });
    expect(tripStatus(f, at(DEPART, -1))).toBe('planned');
    expect(tripStatus(f, at(ARRIVE))).toBe('arrived');
  });

  it('counts departed and arrived trips as having left, the others not', () => {
    expect(['planned', 'locked', 'boarding', 'departed', 'arrived'].map((s) => hasLeft(s as never))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});
