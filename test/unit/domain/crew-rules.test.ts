import { crewRefusal, legWindow, maskLicence } from '../../../src/domain/fleet/crew-rules';
import type { PlanLeg, PlanStop } from '../../../src/domain/planning/plan-schema';

const stop = (arriveAt: string | null, departAt: string | null) => ({ arriveAt, departAt }) as PlanStop;
const leg = (over: Partial<PlanLeg>) =>
  ({ mode: 'bus', passengerIds: ['a', 'b', 'c'], stops: [stop(null, null), stop(null, null)], ...over }) as PlanLeg;
const trip = { departAt: new Date('2027-03-02T00:00:00Z'), arriveAt: new Date('2027-03-02T12:00:00Z') };

describe('crew rules', () => {
  it('when a leg is timed, then it holds its crew from the first departure to the last arrival', () => {
    const l = leg({
      stops: [stop(null, '2027-03-02T01:00:00Z'), stop('2027-03-02T02:00:00Z', '2027-03-02T02:10:00Z')],
    });
    expect(legWindow(l, trip)).toEqual({
      startsAt: new Date('2027-03-02T01:00:00Z'),
      endsAt: new Date('2027-03-02T02:00:00Z'),
    });
  });

  it('when a leg has no times, then the trip’s own times stand in', () => {
    expect(legWindow(leg({}), trip)).toEqual({ startsAt: trip.departAt, endsAt: trip.arriveAt });
  });

  it('when the vehicle has fewer seats than passengers, or the leg is no road leg, then it is refused', () => {
    expect(crewRefusal(leg({}), { seats: 2 })).toEqual({ code: 'vehicle_too_small', seats: 2, passengers: 3 });
    expect(crewRefusal(leg({}), { seats: 3 })).toBeNull();
    expect(crewRefusal(leg({ mode: 'train' }), { seats: 99 })).toEqual({ code: 'leg_not_road' });
  });

  it('when a licence is masked, then only its first and last four characters show', () => {
    expect(maskLicence('140222198001011234')).toBe('1402**********1234');
    expect(maskLicence('12345678')).toBe('********');
  });
});
