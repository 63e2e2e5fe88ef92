import { answeredOnTime, canOrderTransition, orderTransition, SUPERVISION_ORDER_ACTIONS, SUPERVISION_ORDER_STATUSES } from './supervision-order';

describe('a supervision order (督办单)', () => {
  it('is answered from open or after it was listed in a 通报, and withdrawn until answered', () => {
    expect(orderTransition('open', 'answer')).toBe('answered');
    expect(orderTransition('reported', 'answer')).toBe('answered');
    expect(orderTransition('open', 'report')).toBe('reported');
    expect(orderTransition('open', 'withdraw')).toBe('withdrawn');
    expect(orderTransition('reported', 'withdraw')).toBe('withdrawn');
  });

  it('refuses every other move in Chinese and names the state', () => {
    const legal = new Set(['open:answer', 'reported:answer', 'open:report', 'open:withdraw', 'reported:withdraw']);
    for (const s of SUPERVISION_ORDER_STATUSES) for (const a of SUPERVISION_ORDER_ACTIONS) expect(canOrderTransition(s, a)).toBe(legal.has(`${s}:${a}`));
    expect(() => orderTransition('answered', 'answer')).toThrow('督办单已回复，不能督办回复');
    expect(() => orderTransition('withdrawn', 'report')).toThrow('督办单已撤销，不能列入通报');
  });

  it('counts an answer at the due time as on time and one a millisecond later as late', () => {
    const dueAt = new Date('2026-03-06T10:00:00Z');
    expect(answeredOnTime({ dueAt, answeredAt: new Date('2026-03-06T10:00:00Z') })).toBe(true);
    expect(answeredOnTime({ dueAt, answeredAt: new Date('2026-03-06T10:00:00.001Z') })).toBe(false);
    expect(answeredOnTime({ dueAt, answeredAt: null })).toBe(false);
  });
});
