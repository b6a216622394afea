import type { ExpectedArrivalsAnswer } from '../contracts/arrivals-view';
import type { Principal } from '../auth/api-keys';
import { factoryScope } from '../auth/policy';
import type { ArrivalItem, ArrivalStatus } from '../contracts/arrivals';
import { findExpectedPassengers } from '../db/arrivals-repo';
import { groupCommit } from '../db/group-commit';
import { arrivalGroupSize } from '../observability/metrics';
import { confirmArrivalGroup, type ArrivalDeps, type ArrivalRequest, type ArrivalResult } from './confirm-arrivals';

export type { ArrivalDeps };

export interface ExpectedArrivalsFilter {
  factoryId?: string;
  day?: string;
  status?: ArrivalStatus;
}

/** Arrived once confirmed; a no-show once the grace period after the planned arrival has run out, at `now`. */
function statusOf(arrivedAt: Date | null, expectedAt: Date, now: Date, noShowMs: number): ArrivalStatus {
  if (arrivedAt) return 'arrived';
  return now.getTime() > expectedAt.getTime() + noShowMs ? 'no-show' : 'expected';
}

/** Who is coming to the principal's factories, on which trip and when; with arrival and no-show status. */
export async function expectedArrivals(
  deps: ArrivalDeps,
  p: Principal,
  f: ExpectedArrivalsFilter,
): Promise<ExpectedArrivalsAnswer> {
  const now = deps.clock.now();
  const noShowMs = deps.policies.arrivals.noShowAfterMin * 60_000;
  const found = await findExpectedPassengers(deps.db, {
    factories: factoryScope(p),
    factoryId: f.factoryId,
    day: f.day,
    utcOffsetMin: deps.policies.planner.utcOffsetMin,
  });
  const rows = found.map((r) => ({
    workerId: r.workerId,
    name: r.name,
    idNumber: r.id_masked,
    phone: r.phone_masked,
    village: r.village,
    countyCode: r.countyCode,
    tripId: r.tripId,
    tripKey: r.tripKey,
    mode: r.mode,
    factoryId: r.factoryId,
    departAt: r.depart_at.toISOString(),
    expectedAt: r.arrive_at.toISOString(),
    arrivedAt: r.arrived_at?.toISOString() ?? null,
    status: statusOf(r.arrived_at, r.arrive_at, now, noShowMs),
  }));
  const arrivals = f.status ? rows.filter((r) => r.status === f.status) : rows;
  return {
    arrivals,
    counts: {
      total: arrivals.length,
      arrived: arrivals.filter((x) => x.status === 'arrived').length,
      noShows: arrivals.filter((x) => x.status === 'no-show').length,
    },
  };
}

/** Groups of arrivals written at once per API process; each holds a pooled connection while it writes. */
const ARRIVAL_WRITES_IN_FLIGHT = 2;
/** Arrivals per group at most (a request larger than this is still written whole, alone). */
const ARRIVALS_PER_WRITE = 2000;

/**
 * The arrival confirmer of one API process: confirms a request's arrivals together with the other
 * requests that arrive meanwhile (group commit), so a busy factory gate scanning one person per request
 * costs one read and one write statement per group, not per person.
 */
export function arrivalConfirmer(deps: ArrivalDeps): (p: Principal, arrivals: ArrivalItem[]) => Promise<ArrivalResult> {
  const submit = groupCommit<ArrivalRequest, ArrivalResult>(
    (group) => {
      arrivalGroupSize.observe(group.length);
      return confirmArrivalGroup(deps, group);
    },
    {
      maxInFlight: ARRIVAL_WRITES_IN_FLIGHT,
      maxWeight: ARRIVALS_PER_WRITE,
      weight: (r) => r.items.length,
    },
  );
  return (principal, items) => submit({ principal, items });
}
