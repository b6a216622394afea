import type { EmploymentResult } from '../contracts/arrivals-view';
import type { EmploymentItem } from '../contracts/arrivals';
import type { Principal } from '../auth/api-keys';
import { factoryScope } from '../auth/policy';
import { audit } from '../db/audit';
import { lockArrivedPeople, recordEmployment, subsidiesOf, type ArrivedPerson } from '../db/employment-repo';
import type { GateClock } from '../db/subsidies-repo';
import { inTransaction } from '../db/unit-of-work';
import { normaliseIdNumber } from '../domain/identity/id-number';
import { ConflictError, ValidationError, type RowError } from '../errors';
import type { ArrivalDeps } from './confirm-arrivals';

type Change = 'employed' | 'withdrawn';

/**
 * The enterprise's word on arrived workers, in one transaction: employed (the employment gate opens, a subsidy
 * waiting for it becomes payable) or withdrawn (a subsidy still waiting is withdrawn for good). All or
 * nothing: someone with no confirmed arrival at the key's factories is a 422, a contradiction of what was
 * recorded before (employed after a withdrawal, or the reverse) a 409. A repeat changes nothing. The time
 * recorded is the clock's.
 */
export async function confirmEmployment(
  deps: ArrivalDeps,
  p: Principal,
  items: readonly EmploymentItem[],
): Promise<EmploymentResult> {
  const gate: GateClock = {
    now: deps.clock.now(),
    daysWithoutWithdrawal: deps.policies.subsidy.employmentGate.daysWithoutWithdrawal,
  };
  const hashOf = (idNumber: string) => deps.cipher.hash(normaliseIdNumber(idNumber));
  return inTransaction(deps.db, async (tx) => {
    const ids = items.flatMap((i) => (i.workerId ? [i.workerId] : []));
    const hashes = items.flatMap((i) => (i.idNumber ? [hashOf(i.idNumber)] : []));
    const people = await lockArrivedPeople(tx, factoryScope(p), ids, hashes);
    const plan = decide(items, people, hashOf);
    if (plan.invalid.length)
      throw new ValidationError(
        `${plan.invalid.length} worker(s) not found; nothing was recorded`,
        plan.invalid,
      ).because('workers_not_found', { count: plan.invalid.length });
    if (plan.conflicts.length)
      throw new ConflictError(
        `${plan.conflicts.length} contradiction(s); nothing was recorded`,
        plan.conflicts,
      ).because('employment_contradictions', { count: plan.conflicts.length });
    for (const change of ['employed', 'withdrawn'] as const) {
      const who = [...plan.changes[change]];
      await recordEmployment(tx, who, change, gate, p.keyId);
      const action = change === 'employed' ? 'employment.confirmed' : 'employment.withdrawn';
      await audit(
        tx,
        who.map((w) => ({
          at: gate.now,
          actor: p.keyId,
          action,
          entity: 'worker',
          entityId: w,
          after: { at: gate.now },
        })),
      );
    }
    const named = [...new Set(plan.named)];
    const subsidies = await subsidiesOf(tx, named, gate);
    return {
      employed: plan.changes.employed.size,
      withdrawn: plan.changes.withdrawn.size,
      unchanged: plan.unchanged,
      subsidies: subsidies.map((s) => ({ workerId: s.worker_id, subsidyId: s.id, status: s.status })),
    };
  });
}

interface Decision {
  invalid: RowError[];
  conflicts: RowError[];
  changes: Record<Change, Set<string>>;
  unchanged: number;
  named: string[];
}

/** Each item's person (by worker id, or the latest arrival of the ID number) and what it changes. */
function decide(
  items: readonly EmploymentItem[],
  people: readonly ArrivedPerson[],
  hashOf: (idNumber: string) => string,
): Decision {
  const d: Decision = {
    invalid: [],
    conflicts: [],
    changes: { employed: new Set(), withdrawn: new Set() },
    unchanged: 0,
    named: [],
  };
  for (const [i, item] of items.entries()) {
    const field = item.workerId ? 'workerId' : 'idNumber';
    const person = item.workerId
      ? people.find((x) => x.worker_id === item.workerId)
      : people.find((x) => x.id_hash === hashOf(item.idNumber!));
    if (!person) {
      d.invalid.push({ row: i + 1, field, message: 'no confirmed arrival of this person at your factories' });
      continue;
    }
    d.named.push(person.worker_id);
    const other: Change = item.status === 'employed' ? 'withdrawn' : 'employed';
    const otherAt = other === 'employed' ? person.employed_at : person.withdrawn_at;
    if (otherAt || d.changes[other].has(person.worker_id)) {
      const when = otherAt ? ` at ${otherAt.toISOString()}` : ' in this request';
      d.conflicts.push({ row: i + 1, field: 'status', message: `this person was reported ${other}${when}` });
      continue;
    }
    const sameAt = item.status === 'employed' ? person.employed_at : person.withdrawn_at;
    if (sameAt || d.changes[item.status].has(person.worker_id)) d.unchanged++;
    else d.changes[item.status].add(person.worker_id);
  }
  return d;
}
