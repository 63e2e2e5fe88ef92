import { OPERATOR, SpecClock, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

/** Dispatched and acknowledged Wednesday 1 April 2026 09:00; 清明 is Saturday 4 to Monday 6 April. */
async function suspendedOverQingming() {
  const w = ticketSpecWorld({ now: '2026-04-01 09:00' });
  const t = await w.acknowledged(UNIT);
  const unitId = w.unit(UNIT).id;
  // 5 working days: Thu 2, Fri 3, Tue 7, Wed 8, Thu 9 April (24:00).
  expect(w.openDeadline(t.id, 'reply').dueAt).toEqual(SpecClock.at('2026-04-10 00:00'));
  expect(w.openDeadline(t.id, 'first_contact').dueAt).toEqual(SpecClock.at('2026-04-04 00:00'));
  w.clock.set('2026-04-02 16:00');
  await w.useCases.requestSuspension.execute({
    ticketId: t.id,
    unitId,
    ground: 'court',
    reason: '诉求人已就同一事项提起诉讼',
    expectedResumeOn: '2026-04-08',
    actor: unitActor(UNIT),
  });
  w.clock.set('2026-04-03 10:00'); // Friday
  await w.useCases.decideSuspension.execute({ ticketId: t.id, decision: 'approve', actor: OPERATOR });
  return { w, t, unitId };
}

describe('suspension (中止 / 挂起)', () => {
  it('waits for approval with the clocks running, then stops every clock of the ticket', async () => {
    const { w, t } = await suspendedOverQingming();
    expect(w.ticket(t.id).status).toBe('suspended');
    const open = w.deadlines(t.id).filter((d) => d.status === 'open');
    expect(open.map((d) => [d.stage, d.pausedAt])).toEqual(open.map((d) => [d.stage, SpecClock.at('2026-04-03 10:00')]));
    expect(open.every((d) => d.nextReminderAt === null)).toBe(true);
    const request = w.events(t.id).find((e) => e.type === 'request_suspension');
    expect(request).toMatchObject({ reason: '等待司法程序结果：诉求人已就同一事项提起诉讼', data: { ground: 'court', expectedResumeOn: '2026-04-08' } });
  });

  it('resumes exactly: a working-day clock moves by the working time it stood still, the holiday and weekend not counted', async () => {
    const { w, t, unitId } = await suspendedOverQingming();
    w.clock.set('2026-04-08 10:00'); // Wednesday
    const resumed = await w.useCases.resumeTicket.execute({ ticketId: t.id, unitId, actor: unitActor(UNIT) });
    // Stood still Fri 10:00-24:00 (14 h) + Tue (24 h) + Wed 00:00-10:00 (10 h) = 2 working days.
    expect(resumed).toMatchObject({ status: 'acknowledged', replyDueAt: SpecClock.at('2026-04-14 00:00') });
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ dueAt: SpecClock.at('2026-04-14 00:00'), pausedAt: null, pausedMs: 48 * 3600_000 });
    // 14 working hours were left of 首次联系 on Friday 10:00: they run out Wednesday 24:00.
    expect(w.openDeadline(t.id, 'first_contact').dueAt).toEqual(SpecClock.at('2026-04-09 00:00'));
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'resume', reason: '中止 5天', data: { pausedMs: 5 * 86_400_000 } });
  });

  it('runs a wall-clock limit on by the wall time it stood still', async () => {
    const w = ticketSpecWorld({ now: '2026-04-03 09:00' });
    const t = await w.acknowledged(UNIT, { urgency: 'urgent' });
    expect(w.openDeadline(t.id, 'reply').dueAt).toEqual(SpecClock.at('2026-04-04 09:00')); // 24 h
    await w.useCases.requestSuspension.execute({
      ticketId: t.id,
      ground: 'requester',
      reason: '联系不上诉求人',
      expectedResumeOn: '2026-04-05',
      actor: OPERATOR,
    });
    w.clock.set('2026-04-03 12:00');
    await w.useCases.decideSuspension.execute({ ticketId: t.id, decision: 'approve', actor: OPERATOR });
    w.clock.set('2026-04-05 12:30');
    await w.useCases.resumeTicket.execute({ ticketId: t.id, actor: OPERATOR });
    expect(w.openDeadline(t.id, 'reply').dueAt).toEqual(SpecClock.at('2026-04-06 09:30'));
  });

  it('refuses a request without a reason or for a date past, and runs on when the desk rejects it', async () => {
    const w = ticketSpecWorld({ now: '2026-04-01 09:00' });
    const t = await w.acknowledged(UNIT);
    const ask = (reason: string, expectedResumeOn: string) =>
      w.useCases.requestSuspension.execute({ ticketId: t.id, ground: 'other', reason, expectedResumeOn, actor: unitActor(UNIT) });
    await expect(ask('等待', '2026-03-31')).rejects.toThrow('预计恢复日期不能早于今天');
    await expect(ask(' ', '2026-04-08')).rejects.toMatchObject({ code: 'MISSING_TRANSITION_DATA' });
    await ask('等待', '2026-04-08');
    await w.useCases.decideSuspension.execute({ ticketId: t.id, decision: 'reject', reason: '可先行办理', actor: OPERATOR });
    expect(w.ticket(t.id).status).toBe('acknowledged');
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ pausedAt: null, dueAt: SpecClock.at('2026-04-10 00:00') });
  });
});
