import type { Principal } from '../auth/api-keys';
import { factoryScope } from '../auth/policy';
import type { ExpectedArrivalsQuery } from '../contracts/arrivals';
import type { ExpectedArrivalsAnswer } from '../contracts/arrivals-view';
import {
  countExpectedByStatus,
  findExpectedPage,
  findExpectedVehicles,
  findIdTailCandidates,
  type ExpectedFilter,
} from '../db/expected-arrivals-repo';
import { arrivalSearch, MASK_KEEPS_LAST } from '../domain/arrivals/arrival-search';
import type { ArrivalDeps } from './confirm-arrivals';

/**
 * The search as filters: a name; an ID tail the mask keeps, matched on the mask; a longer tail narrowed by the mask
 * and confirmed on each candidate's decrypted number here, so no more of the number is stored in clear than the
 * mask shows and nothing decrypted leaves this function.
 */
async function searchFilter(deps: ArrivalDeps, base: ExpectedFilter, q?: string): Promise<ExpectedFilter> {
  if (!q) return base;
  const s = arrivalSearch(q);
  if (s.kind === 'name') return { ...base, name: s.text };
  const maskedTail = s.tail.slice(-MASK_KEEPS_LAST);
  if (s.tail.length <= MASK_KEEPS_LAST) return { ...base, maskedTail };
  const candidates = await findIdTailCandidates(deps.db, { ...base, maskedTail });
  const workerIds = candidates
    .filter((c) => c.id_enc && deps.cipher.decrypt(c.id_enc).toUpperCase().endsWith(s.tail))
    .map((c) => c.workerId);
  return { ...base, workerIds };
}

/**
 * Who is coming to the principal's factories, a page at a time: on which trip and when, with arrival and no-show
 * status at the clock's now (a no-show once the policy's grace after the planned arrival has run out), the counts
 * per tab and the trips to filter by.
 */
export async function expectedArrivals(
  deps: ArrivalDeps,
  p: Principal,
  query: ExpectedArrivalsQuery,
): Promise<ExpectedArrivalsAnswer> {
  const noShowBefore = new Date(deps.clock.now().getTime() - deps.policies.arrivals.noShowAfterMin * 60_000);
  const base: ExpectedFilter = {
    factories: factoryScope(p),
    factoryId: query.factory,
    day: query.day,
    utcOffsetMin: deps.policies.planner.utcOffsetMin,
    vehicle: query.vehicle,
    tab: query.tab,
    noShowBefore,
  };
  const f = await searchFilter(deps, base, query.q);
  const page = { limit: query.limit, offset: query.offset };
  const [rows, tabs, vehicles] = await Promise.all([
    findExpectedPage(deps.db, f, page),
    countExpectedByStatus(deps.db, f),
    findExpectedVehicles(deps.db, f),
  ]);
  return {
    total: f.tab ? tabs[f.tab] : tabs.expected + tabs.arrived + tabs['no-show'],
    ...page,
    tabs,
    items: rows.map((r) => ({
      workerId: r.workerId,
      name: r.name,
      idNumber: r.id_masked,
      phone: r.phone_masked,
      village: r.village,
      countyCode: r.countyCode,
      tripId: r.tripId,
      tripKey: r.tripKey,
      batchId: r.batchId,
      batchName: r.batchName,
      vehicleLabel: r.vehicleLabel,
      mode: r.mode,
      factoryId: r.factoryId,
      departAt: r.depart_at.toISOString(),
      expectedAt: r.arrive_at.toISOString(),
      arrivedAt: r.arrived_at?.toISOString() ?? null,
      status: r.status,
    })),
    vehicles: vehicles.map(({ arrive_at, ...v }) => ({ ...v, expectedAt: arrive_at.toISOString() })),
  };
}
