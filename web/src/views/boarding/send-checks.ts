import { t } from '../../lib/i18n';
import type { BoardingAnswer, BoardingCheck, BoardingView, Trip } from '../../lib/types';
import { busy, statusLine } from '../../lib/widgets';
import { recordChecks } from './boarding-api';
import { boardingRefusal } from './boarding-errors';
import { failuresOf, familyAboard, type Draft } from './boarding-model';
import { failuresText, namesText } from './boarding-text';
import type { CheckCard } from './check-card';
import { askFamily, type FamilyDecision } from './family-dialog';

export interface SendOptions {
  s: { tripId: string; trip: Trip; view: BoardingView; drafts: Map<string, Draft> };
  cards: CheckCard[];
  button: HTMLButtonElement;
  status: ReturnType<typeof statusLine>;
}

/**
 * The family decision of each failing check whose family has others aboard, asked once per family; null when
 * the dispatcher cancels. Members failing in the same request leave anyway, so they are not "the others".
 */
async function decideFamilies(trip: Trip, rules: BoardingView['rules'], checks: BoardingCheck[]): Promise<boolean> {
  const failing = checks.filter((c) => failuresOf(rules, c).length);
  const failingIds = new Set(failing.map((c) => c.workerId));
  const decided = new Map<string, FamilyDecision>();
  for (const c of failing) {
    const p = trip.passengers.find((x) => x.workerId === c.workerId);
    if (!p?.familyId) continue;
    if (!decided.has(p.familyId)) {
      const others = familyAboard(trip, p).filter((x) => !failingIds.has(x.workerId));
      if (!others.length) continue;
      const reasons = failuresText(failuresOf(rules, c));
      const d = await askFamily(
        p.name,
        reasons,
        others.map((x) => x.name),
      );
      if (!d) return false;
      decided.set(p.familyId, d);
    }
    c.familyDecision = decided.get(p.familyId)!;
  }
  return true;
}

/** What the answer did, in one sentence or two: checks recorded, and who left with their seats freed. */
function answerText(a: BoardingAnswer, nameOf: (id: string) => string): string {
  const off = new Set(a.takenOff.map((x) => x.workerId));
  const boarded = a.outcomes.filter((o) => o.passed && !off.has(o.workerId)).length;
  const recorded = t('boardingRecorded', { n: a.outcomes.length, boarded, off: off.size });
  if (!off.size) return recorded;
  const names = namesText(a.takenOff.map((x) => nameOf(x.workerId)));
  return [recorded, t('boardingSeatsFreed', { names, n: off.size })].join(t('boardingSentenceGap'));
}

/**
 * Sends the checks of some cards (one passenger or a family): reads and validates each card, asks about
 * families, posts. Resolves with the worker ids sent and what happened (for the page to say once it shows the
 * result), or null when nothing was recorded (a refusal is shown here).
 */
export async function sendChecks(o: SendOptions): Promise<{ sent: string[]; message: string } | null> {
  const { s, status } = o;
  const read = [];
  for (const card of o.cards) {
    const c = card.read();
    if (!c) return null;
    read.push({ workerId: card.workerId, ...c, familyDecision: 'hold-family' as FamilyDecision });
  }
  const checks: BoardingCheck[] = read;
  if (!(await decideFamilies(s.trip, s.view.rules, checks))) {
    // Cancelled: back where the dialog was opened from, as after any dialog.
    o.button.focus();
    return null;
  }
  const names = new Map(s.trip.passengers.map((p) => [p.workerId, p.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  status.clear();
  try {
    const answer = await busy(o.button, t('boardingSending'), () => recordChecks(s.tripId, checks));
    for (const c of checks) s.drafts.delete(c.workerId);
    return { sent: checks.map((c) => c.workerId), message: answerText(answer, nameOf) };
  } catch (e) {
    status.fail(
      boardingRefusal(
        e,
        checks.map((c) => c.workerId),
        nameOf,
      ),
    );
    return null;
  }
}
