import { beijing, UNIT_USER, zeroReportWorld } from '../testing/zero-report-spec-world';

describe('listing zero reports (零报告)', () => {
  it('lists every active unit of a week: missing first, then confirmed (who, when), then those with tickets', async () => {
    const w = zeroReportWorld();
    w.dispatch(1, '2026-03-02 00:00');
    w.dispatch(1, '2026-03-05 10:00', 'assist');
    await w.confirm.execute({ unitId: 3, period: '2026-W10', unitIds: [3], actor: UNIT_USER('水务集团 承办人') });
    const list = await w.list.execute({ period: '2026-W10' });
    expect(list.period).toMatchObject({ key: '2026-W10', from: '2026-03-02', to: '2026-03-08' });
    expect(list.state).toBe('closed');
    expect(list.counts).toEqual({ units: 3, withTickets: 1, confirmed: 1, missing: 1 });
    expect(list.units.map((l) => [l.unit, l.statusText, l.dispatched, l.confirmedBy])).toEqual([
      ['市生态环境局', '未确认零报告', 0, null],
      ['市水务集团', '已确认零报告', 0, '水务集团 承办人'],
      ['市住房和城乡建设局', '有工单', 2, null],
    ]);
    expect(list.units[1].confirmedAt).toEqual(beijing('2026-03-10 09:00'));
    expect(list.definition).toContain('未向该单位派发任何工单');
  });

  it('shows the current week as running, and lets a ticket that came after a confirmation decide', async () => {
    const w = zeroReportWorld();
    await w.confirm.execute({ unitId: 2, unitIds: [2], actor: UNIT_USER('生态环境局') });
    w.dispatch(2, '2026-03-11 15:00');
    w.setNow('2026-03-12 09:00');
    const list = await w.list.execute({});
    expect(list).toMatchObject({ state: 'current', period: { key: '2026-W11' } });
    expect(list.units.find((l) => l.unitId === 2)).toMatchObject({ status: 'tickets', dispatched: 1, confirmedAt: null });
  });

  it('gives a unit user its own units only, and refuses a week not yet begun', async () => {
    const w = zeroReportWorld();
    const mine = await w.list.execute({ period: '2026-W10', unitIds: [2] });
    expect(mine.units.map((l) => l.unit)).toEqual(['市生态环境局']);
    await expect(w.list.execute({ period: '2026-W12' })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'period' });
  });
});
