import { getJson } from '../../lib/api';
import { fill, h, type Child } from '../../lib/dom';
import { t, tOr } from '../../lib/i18n';
import { money } from '../../lib/money';
import { fullTime } from '../../lib/time';
import type { AuditEntry, AuditTrail } from '../../lib/types';
import { errorBox, loadingLine, table } from '../../lib/widgets';
import { keyRef } from '../subsidy-lists';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** What an entry changed, in a few words: a payment's reference, a list's size, a subsidy's amount. */
function detailOf(e: AuditEntry): string {
  const after = isObject(e.after) ? e.after : {};
  if (typeof after.paymentReference === 'string' && e.action.endsWith('.paid'))
    return t('auditDetailPaid', { ref: after.paymentReference });
  if (e.action.endsWith('.created') && typeof after.itemCount === 'number' && typeof after.totalFen === 'number')
    return t('auditDetailList', { n: after.itemCount, total: money(after.totalFen) });
  if (e.action.endsWith('.published') && typeof after.noticeEndsAt === 'string')
    return t('auditDetailNotice', { date: fullTime(after.noticeEndsAt) });
  if (e.action === 'subsidy.computed' && typeof after.amountFen === 'number')
    return t('auditDetailAmount', { amount: money(after.amountFen) });
  return '';
}

/** Who acted: the key's label (else its role) and the start of its id; no key: the system. */
const actorOf = (e: AuditEntry): Child =>
  e.actor
    ? [e.actorLabel ?? (e.actorRole ? tOr(`role_${e.actorRole}`, e.actorRole) : ''), ' ', keyRef(e.actor)]
    : t('auditSystem');

/** The entries, oldest first: time, action, who, detail (on phones each a card, labelled by data-label). */
export function auditTable(entries: AuditEntry[], cls = 'audit'): HTMLElement {
  if (!entries.length) return h('p', { class: 'muted' }, t('auditEmpty'));
  const [at, action, actor, detail] = [t('auditAt'), t('auditAction'), t('auditActor'), t('auditDetail')];
  return h(
    'div',
    { class: 'scroll-x' },
    table(
      null,
      [at, action, actor, detail],
      entries.map((e) =>
        h(
          'tr',
          { 'data-action': e.action },
          h('td', { class: 'nowrap', 'data-label': at }, fullTime(e.at)),
          h('td', { 'data-label': action }, tOr(`audit_${e.action}`, e.action)),
          h('td', { 'data-label': actor }, actorOf(e)),
          h('td', { 'data-label': detail }, detailOf(e)),
        ),
      ),
      cls,
    ),
  );
}

/** A list's audit trail, loaded now and again after each step (`reload`). */
export function listAuditSection(listId: string): { section: HTMLElement; reload(): Promise<void> } {
  const body = h('div', null, loadingLine());
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'audit-title', 'data-testid': 'list-audit' },
    h('h2', { id: 'audit-title' }, t('auditTitle')),
    body,
  );
  const reload = async () => {
    try {
      const trail = await getJson<AuditTrail>(`/subsidy-lists/${listId}/audit`);
      fill(body, auditTable(trail.entries));
    } catch (e) {
      fill(body, errorBox(e));
    }
  };
  return { section, reload };
}

/** One person's subsidy trail (arrival, employment, the list's steps), for a row under theirs. */
export async function personTrail(subsidyId: string, name: string): Promise<HTMLElement> {
  try {
    const trail = await getJson<AuditTrail>(`/subsidies/${subsidyId}/audit`);
    return h(
      'div',
      { class: 'person-trail' },
      h('h3', null, t('personTrailOf', { name })),
      auditTable(trail.entries, 'audit person'),
    );
  } catch (e) {
    return errorBox(e);
  }
}
