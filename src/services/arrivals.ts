import type { Principal } from '../auth/api-keys';
import type { ArrivalItem } from '../contracts/arrivals';
import { groupCommit } from '../db/group-commit';
import { arrivalGroupSize } from '../observability/metrics';
import { confirmArrivalGroup, type ArrivalDeps, type ArrivalRequest, type ArrivalResult } from './confirm-arrivals';

export type { ArrivalDeps };

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
