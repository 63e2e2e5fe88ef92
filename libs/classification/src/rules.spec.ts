import { applyRules, type RoutingRule } from './rules';

const rule = (conditions: Record<string, unknown>, actions: Record<string, unknown> = { unit: '市城市管理局' }): RoutingRule => ({
  id: 1,
  name: '存量规则',
  priority: 100,
  enabled: true,
  conditions,
  actions,
});

describe('rules saved before they were checked', () => {
  it('match (a+)+$ against 30 a on the linear engine instead of backtracking', () => {
    // On a backtracking engine this takes minutes; RE2 answers at once. (No timing asserted: the
    // test would simply not finish without the fix.)
    const text = `路灯不亮${'a'.repeat(30)}!`;
    expect(applyRules({ text }, [rule({ patterns: ['(a+)+$'] })]).matched).toEqual([]);
    expect(applyRules({ text: 'aaaa' }, [rule({ patterns: ['(a+)+$'] })]).unit).toBe('市城市管理局');
  });

  it('treat keywords given as a string as no keywords, so routing goes on for every other rule', () => {
    const out = applyRules({ text: '路灯不亮' }, [
      rule({ keywords: '路灯' }),
      { ...rule({ keywords: ['路灯'] }, { urgency: 'urgent' }), id: 2, name: '好规则' },
    ]);
    expect(out).toMatchObject({ urgency: 'urgent', matched: [{ id: 2, name: '好规则' }] });
    expect(out.unit).toBeUndefined();
  });

  it('ignore actions of the wrong type', () => {
    expect(applyRules({ text: '路灯' }, [rule({ keywords: ['路灯'] }, { unit: 7, assistUnits: '水务', urgency: 'very', auto: 'yes' })])).toEqual({
      matched: [{ id: 1, name: '存量规则' }],
    });
  });
});
