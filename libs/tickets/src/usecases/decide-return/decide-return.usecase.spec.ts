import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

async function returned(w: ReturnType<typeof ticketSpecWorld>) {
  const t = await w.acknowledged('东湖区城市管理局');
  w.clock.set('2026-03-02 11:00');
  await w.useCases.returnTicket.execute({
    ticketId: t.id,
    unitId: w.unit('东湖区城市管理局').id,
    reason: '不属于本单位职责',
    actor: unitActor('东湖区城市管理局'),
  });
  return t;
}

describe("deciding a unit's return (同意 / 驳回退单)", () => {
  it("approved: the ticket is back in triage and the unit's deadlines end", async () => {
    const w = ticketSpecWorld();
    const t = await returned(w);
    const back = await w.useCases.decideReturn.execute({ ticketId: t.id, decision: 'approve', reason: '同意', actor: OPERATOR });
    expect(back).toMatchObject({ status: 'accepted', leadUnitId: null });
    expect(w.deadlines(t.id).filter((d) => d.status === 'open')).toEqual([]);
  });

  it('rejected: the unit keeps it, its deadlines run again moved by the pause, and it is told why', async () => {
    const w = ticketSpecWorld();
    const t = await returned(w);
    const before = w.openDeadline(t.id, 'reply').dueAt;
    w.clock.set('2026-03-02 14:00'); // three working hours later
    const kept = await w.useCases.decideReturn.execute({ ticketId: t.id, decision: 'reject', reason: '属于贵单位职责范围', actor: OPERATOR });
    expect(kept.status).toBe('acknowledged'); // it had signed before returning
    const reply = w.openDeadline(t.id, 'reply');
    expect(reply.pausedAt).toBeNull();
    expect(reply.dueAt.getTime() - before.getTime()).toBe(3 * 3600_000);
    const mail = w.mails().at(-1);
    expect(mail).toMatchObject({ kind: 'notice', to: [w.unit('东湖区城市管理局').email], subject: expect.stringMatching(/^退单未通过：工单 QH20260302-/) });
    expect(mail?.text).toContain('的退单申请未通过，理由：属于贵单位职责范围\n请继续办理。');
  });

  it('refuses a rejection without a reason', async () => {
    const w = ticketSpecWorld();
    const t = await returned(w);
    await expect(w.useCases.decideReturn.execute({ ticketId: t.id, decision: 'reject', actor: OPERATOR })).rejects.toMatchObject({
      code: 'MISSING_TRANSITION_DATA',
    });
    await expect(w.useCases.decideReturn.execute({ ticketId: t.id, decision: 'maybe' as never, actor: OPERATOR })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'decision',
    });
  });
});
