import { SpecClock, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const DESK = '东湖区人民政府';
const CHILD = '东湖区城市管理局';

/** The desk holds the ticket (signed Monday 09:00) and handed it down on Tuesday 12:00; the child signed. */
async function handedDown() {
  const w = ticketSpecWorld();
  const t = await w.acknowledged(DESK);
  const desk = w.unit(DESK);
  const child = w.unit(CHILD);
  w.clock.set('2026-03-03 12:00');
  await w.useCases.subDispatchTicket.execute({ ticketId: t.id, unitId: desk.id, childUnitId: child.id, actor: unitActor(DESK) });
  w.clock.set('2026-03-03 14:00');
  await w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: child.id, actor: unitActor(CHILD) });
  return { w, t, desk, child, sub: () => w.assignments(t.id)[1] };
}

describe('the lower unit’s steps and the desk’s answer upward (上报)', () => {
  it('records the child’s 签收 on its own assignment and leaves the ticket with the desk', async () => {
    const { w, t, child, sub } = await handedDown();
    expect(sub().acknowledgedAt).toEqual(SpecClock.at('2026-03-03 14:00'));
    expect(w.ticket(t.id).status).toBe('acknowledged');
    expect(w.deadlines(t.id).find((d) => d.assignmentId === sub().id && d.stage === 'acknowledge')?.status).toBe('met');
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'sub_acknowledged', data: { unitId: child.id } });
    await expect(w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: child.id, actor: unitActor(CHILD) })).rejects.toThrow('无需重复签收');
  });

  it('sends the child’s 退单 to the desk, not to the city’s triage; the desk may hand it down again', async () => {
    const { w, t, desk, child, sub } = await handedDown();
    w.clock.set('2026-03-03 16:00');
    const after = await w.useCases.returnTicket.execute({ ticketId: t.id, unitId: child.id, reason: '不属于本单位辖区', actor: unitActor(CHILD) });
    expect(after.status).toBe('acknowledged');
    expect(w.ticket(t.id)).toMatchObject({ status: 'acknowledged', returnCount: 0, leadUnitId: desk.id });
    expect(sub()).toMatchObject({ status: 'returned', returnReason: '不属于本单位辖区' });
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.assignmentId === sub().id)
        .map((d) => [d.stage, d.status]),
    ).toEqual([
      ['acknowledge', 'met'],
      ['return_window', 'cancelled'],
      ['reply', 'cancelled'],
    ]);
    const notice = w.mails().at(-1);
    expect(notice).toMatchObject({ to: [desk.email], subject: expect.stringMatching(/^下级退单：工单 QH20260302-\d+（东湖区城市管理局）$/) });
    expect(notice?.text).toContain('理由：不属于本单位辖区');
    await w.useCases.subDispatchTicket.execute({ ticketId: t.id, unitId: desk.id, childUnitId: child.id, actor: unitActor(DESK) });
    expect(w.assignments(t.id).map((a) => a.status)).toEqual(['active', 'returned', 'active']);
  });

  it('holds the desk’s own reply while the child works, then answers upward from the child’s reply, edited', async () => {
    const { w, t, desk, child, sub } = await handedDown();
    const deskReply = () => w.useCases.replyTicket.execute({ ticketId: t.id, unitId: desk.id, outcome: 'resolved', text: '已办理', actor: unitActor(DESK) });
    await expect(deskReply()).rejects.toThrow('下级单位仍在办理');
    await expect(w.useCases.returnTicket.execute({ ticketId: t.id, unitId: desk.id, reason: '非本区', actor: unitActor(DESK) })).rejects.toThrow(
      '该工单已转派下级单位办理',
    );

    w.clock.set('2026-03-04 10:00');
    await w.useCases.replyTicket.execute({ ticketId: t.id, unitId: child.id, outcome: 'resolved', text: '已清理占道摊点。', actor: unitActor(CHILD) });
    // Nothing reached the citizen or the city yet: the desk reviews it.
    expect(w.ticket(t.id)).toMatchObject({ status: 'acknowledged', repliedAt: null });
    expect(sub()).toMatchObject({ status: 'replied', outcome: 'resolved', replyText: '已清理占道摊点。' });
    expect(w.mails().at(-1)).toMatchObject({ to: [desk.email], subject: expect.stringMatching(/^下级办结反馈/) });
    expect(w.mails().some((m) => m.kind === 'answer')).toBe(false);

    w.clock.set('2026-03-04 15:00');
    const up = await w.useCases.forwardSubReply.execute({
      ticketId: t.id,
      unitId: desk.id,
      text: '经区城管局现场核查，已清理占道摊点并加强巡查。',
      actor: unitActor(DESK),
    });
    expect(up).toMatchObject({ status: 'replied', outcome: 'resolved', repliedAt: SpecClock.at('2026-03-04 15:00') });
    expect(w.assignments(t.id)[0]).toMatchObject({ replyText: '经区城管局现场核查，已清理占道摊点并加强巡查。' });
    expect(sub().status).toBe('closed');
    expect(
      w
        .events(t.id)
        .map((e) => e.type)
        .slice(-2),
    ).toEqual(['reply', 'sub_reply_forwarded']);
    expect(w.events(t.id).at(-1)).toMatchObject({ data: { unitId: child.id, deskUnitId: desk.id, edited: true } });
    await expect(w.useCases.forwardSubReply.execute({ ticketId: t.id, unitId: desk.id, actor: unitActor(DESK) })).rejects.toThrow(
      '没有待上报的下级单位办结反馈',
    );
  });
});
