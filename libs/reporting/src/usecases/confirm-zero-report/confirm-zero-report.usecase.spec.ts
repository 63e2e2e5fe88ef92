import { beijing, UNIT_USER, zeroReportWorld } from '../testing/zero-report-spec-world';

describe('confirming a zero report (零报告)', () => {
  it('records who confirmed a closed week with nothing dispatched, and a second confirmation changes nothing', async () => {
    const w = zeroReportWorld();
    w.dispatch(1, '2026-03-01 23:59'); // Sunday of the week before
    w.dispatch(1, '2026-03-09 00:00'); // Monday of the week after
    const first = await w.confirm.execute({ unitId: 1, period: '2026-W10', unitIds: [1], actor: UNIT_USER('住建局 承办人') });
    expect(first).toMatchObject({ unitId: 1, period: '2026-W10', status: 'confirmed', statusText: '已确认零报告', created: true });
    expect(first.confirmedAt).toEqual(beijing('2026-03-10 09:00'));
    w.setNow('2026-03-11 10:00');
    const again = await w.confirm.execute({ unitId: 1, period: '2026-W10', unitIds: [1], actor: UNIT_USER('另一位承办人', 8) });
    expect(again).toMatchObject({ created: false, confirmedBy: '住建局 承办人', confirmedAt: beijing('2026-03-10 09:00') });
    expect(w.reports.table.all()).toHaveLength(1);
  });

  it('refuses in Chinese when a ticket was dispatched to the unit in the period, as lead or assisting', async () => {
    const w = zeroReportWorld();
    w.dispatch(2, '2026-03-08 23:59', 'assist');
    await expect(w.confirm.execute({ unitId: 2, period: '2026-W10', unitIds: [2], actor: UNIT_USER('生态环境局') })).rejects.toMatchObject({
      code: 'ACTION_REFUSED',
      message: '2026年第10周（3月2日至3月8日）已向市生态环境局派发 1 件工单，不能确认零报告',
    });
    expect(w.reports.table.all()).toEqual([]);
  });

  it('confirms the current week by default, and refuses a week not yet begun', async () => {
    const w = zeroReportWorld();
    expect(await w.confirm.execute({ unitId: 3, unitIds: [3], actor: UNIT_USER('水务集团') })).toMatchObject({ period: '2026-W11', status: 'confirmed' });
    await expect(w.confirm.execute({ unitId: 3, period: '2026-W12', unitIds: [3], actor: UNIT_USER('水务集团') })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '2026年第12周（3月16日至3月22日）尚未开始，不能填报或查看零报告',
    });
    await expect(w.confirm.execute({ unitId: 3, period: '2026-3', actor: UNIT_USER('水务集团') })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it("hides another unit's report from a unit user, and an inactive unit from everyone", async () => {
    const w = zeroReportWorld();
    await expect(w.confirm.execute({ unitId: 2, period: '2026-W10', unitIds: [1], actor: UNIT_USER('住建局') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.confirm.execute({ unitId: 4, period: '2026-W10', actor: { kind: 'user', id: 1, name: '管理员' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await w.confirm.execute({ unitId: 2, period: '2026-W10', actor: { kind: 'user', id: 1, name: '管理员' } })).toMatchObject({ confirmedBy: '管理员' });
  });

  it('uses calendar months when rates.yaml says so', async () => {
    const w = zeroReportWorld('month');
    w.dispatch(1, '2026-02-28 23:00');
    await expect(w.confirm.execute({ unitId: 1, period: '2026-02', unitIds: [1], actor: UNIT_USER('住建局') })).rejects.toMatchObject({
      code: 'ACTION_REFUSED',
    });
    expect(await w.confirm.execute({ unitId: 1, unitIds: [1], actor: UNIT_USER('住建局') })).toMatchObject({ period: '2026-03', status: 'confirmed' });
  });
});
