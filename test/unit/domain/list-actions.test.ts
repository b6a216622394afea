import {
  FlowAction,
  FlowRefusalCode,
  listActions,
  refusalOf,
  type FlowRecord,
} from '../../../src/domain/subsidy/list-actions';
import { en } from '../../../web/src/lib/messages/en';
import { zh } from '../../../web/src/lib/messages/zh';

const NOW = new Date('2027-03-10T09:00:00+08:00');
const STRICT = { payerMustDifferFromApprover: true };
const LAX = { payerMustDifferFromApprover: false };
const list = (over: Partial<FlowRecord> = {}): FlowRecord => ({
  status: 'published',
  createdBy: 'maker',
  approvedBy: null,
  noticeEndsAt: new Date('2027-03-09T09:00:00+08:00'),
  ...over,
});
const code = (r: FlowRecord, a: FlowAction, actor: string, policy = STRICT) =>
  refusalOf('list', r, a, actor, NOW, policy)?.code ?? null;

describe('the finance flow rule', () => {
  it('when the status does not allow a step, then it is refused as wrong_status, and actions give no reason', () => {
    expect(code(list({ status: 'draft' }), 'approve', 'other')).toBe('wrong_status');
    expect(code(list({ status: 'paid' }), 'pay', 'other')).toBe('wrong_status');
    expect(code(list({ status: 'approved' }), 'withdraw', 'maker')).toBe('wrong_status');
    expect(listActions('list', list({ status: 'paid' }), 'other', NOW, STRICT)).toEqual({
      canPublish: false,
      canApprove: false,
      canPay: false,
      canWithdraw: false,
    });
  });

  it('when the maker approves, or anyone does before the notice ends, then it is refused with that reason', () => {
    expect(code(list(), 'approve', 'maker')).toBe('maker_cannot_approve');
    const running = list({ noticeEndsAt: new Date(NOW.getTime() + 1) });
    expect(refusalOf('list', running, 'approve', 'other', NOW, STRICT)).toEqual({
      code: 'notice_running',
      message: `the public notice runs until ${running.noticeEndsAt!.toISOString()}`,
      until: running.noticeEndsAt!.toISOString(),
    });
    // The maker's reason outlasts the notice, so it is the one given.
    expect(code(running, 'approve', 'maker')).toBe('maker_cannot_approve');
    expect(code(list({ noticeEndsAt: NOW }), 'approve', 'other')).toBeNull();
    expect(code(list({ noticeEndsAt: null }), 'approve', 'other')).toBeNull();
  });

  it('when the approver pays, then the policy decides; the maker and anyone else may pay', () => {
    const approved = list({ status: 'approved', approvedBy: 'approver' });
    expect(code(approved, 'pay', 'approver')).toBe('payer_is_approver');
    expect(code(approved, 'pay', 'approver', LAX)).toBeNull();
    expect(code(approved, 'pay', 'maker')).toBeNull();
    expect(code(approved, 'pay', 'cashier')).toBeNull();
    expect(listActions('list', approved, 'approver', NOW, STRICT)).toEqual({
      canPublish: false,
      canApprove: false,
      canPay: false,
      canWithdraw: false,
      why: { pay: expect.objectContaining({ code: 'payer_is_approver' }) },
    });
  });

  it('when a step is offered, then trying it is never refused, and when refused, it is never offered', () => {
    const records = ['draft', 'published', 'approved', 'paid'].flatMap((status) =>
      [null, 'maker', 'approver'].flatMap((approvedBy) =>
        [null, new Date(NOW.getTime() - 1), new Date(NOW.getTime() + 1)].map((noticeEndsAt) =>
          list({ status, approvedBy, noticeEndsAt }),
        ),
      ),
    );
    const can = { publish: 'canPublish', approve: 'canApprove', pay: 'canPay', withdraw: 'canWithdraw' } as const;
    for (const r of records)
      for (const actor of ['maker', 'approver', 'cashier'])
        for (const policy of [STRICT, LAX]) {
          const actions = listActions('list', r, actor, NOW, policy);
          for (const a of FlowAction.options)
            expect([a, actions[can[a]]]).toEqual([a, refusalOf('list', r, a, actor, NOW, policy) === null]);
        }
  });

  it.each(FlowRefusalCode.options)('when the server refuses with %s, then zh and en both say why', (c) => {
    for (const key of [`why_${c}`, `whyShort_${c}`]) {
      expect((zh as Record<string, string>)[key]).toBeTruthy();
      expect((en as Record<string, string>)[key]).toBeTruthy();
    }
    expect((zh as Record<string, string>)[`why_${c}`]).toMatch(/[\u4e00-\u9fff]/);
    expect((en as Record<string, string>)[`why_${c}`]).toMatch(/^[A-Z][^\u4e00-\u9fff]+\.$/);
  });
});
