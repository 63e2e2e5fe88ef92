import { SpecClock, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const DESK = '东湖区人民政府';
const CHILD = '东湖区城市管理局';

describe('退回重办 inside the chain: the desk sends its lower unit’s reply back', () => {
  it('gives the ticket back to the child with the reason and a new reply limit from the desk’s time left', async () => {
    const w = ticketSpecWorld(); // Monday 2 March 2026, 09:00: the desk's reply limit is Monday 9 March 24:00
    const t = await w.acknowledged(DESK);
    const desk = w.unit(DESK);
    const child = w.unit(CHILD);
    await w.useCases.subDispatchTicket.execute({ ticketId: t.id, unitId: desk.id, childUnitId: child.id, actor: unitActor(DESK) });
    w.clock.set('2026-03-05 09:00');
    await w.useCases.replyTicket.execute({ ticketId: t.id, unitId: child.id, outcome: 'resolved', text: '已处理。', actor: unitActor(CHILD) });
    await expect(
      w.useCases.sendBackSubReply.execute({ ticketId: t.id, unitId: w.unit('市教育局').id, reason: 'x', actor: unitActor('市教育局') }),
    ).rejects.toThrow(`ticket ${t.id} not found`);

    w.clock.set('2026-03-06 12:00'); // Friday noon: left Fri 12 h + Mon 24 h = 36 h; 0.8 is 28 h 48 min: Monday 16:48
    await w.useCases.sendBackSubReply.execute({ ticketId: t.id, unitId: desk.id, reason: '未说明处理结果及长效措施', actor: unitActor(DESK) });
    const sub = w.assignments(t.id)[1];
    expect(sub).toMatchObject({ status: 'active', repliedAt: null, outcome: null, replyText: null });
    const open = w.deadlines(t.id).filter((d) => d.assignmentId === sub.id && d.status === 'open');
    expect(open.map((d) => [d.stage, d.dueAt])).toEqual([['reply', SpecClock.at('2026-03-09 16:48')]]);
    expect(w.ticket(t.id)).toMatchObject({ status: 'acknowledged', repliedAt: null });
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'sub_reply_sent_back', reason: '未说明处理结果及长效措施', data: { replyText: '已处理。' } });
    const notice = w.mails().at(-1);
    expect(notice).toMatchObject({ to: [child.email], subject: expect.stringMatching(/^退回重办：工单 .* 办结反馈未通过东湖区人民政府审核$/) });
    expect(notice?.text).toContain('请于 2026-03-09 16:48 前重新办结反馈');

    // It answers again, and the desk can now answer upward from it.
    await w.useCases.replyTicket.execute({ ticketId: t.id, unitId: child.id, outcome: 'resolved', text: '已清理并建立巡查制度。', actor: unitActor(CHILD) });
    const up = await w.useCases.forwardSubReply.execute({ ticketId: t.id, unitId: desk.id, actor: unitActor(DESK) });
    expect(up).toMatchObject({ status: 'replied' });
    expect(w.assignments(t.id)[0].replyText).toBe('已清理并建立巡查制度。');
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'sub_reply_forwarded', data: { edited: false } });
  });

  it('has nothing to send back before the child replies', async () => {
    const w = ticketSpecWorld();
    const t = await w.acknowledged(DESK);
    const desk = w.unit(DESK);
    await w.useCases.subDispatchTicket.execute({ ticketId: t.id, unitId: desk.id, childUnitId: w.unit(CHILD).id, actor: unitActor(DESK) });
    await expect(w.useCases.sendBackSubReply.execute({ ticketId: t.id, unitId: desk.id, reason: '重办', actor: unitActor(DESK) })).rejects.toThrow(
      '没有待审核的下级单位办结反馈',
    );
  });
});
