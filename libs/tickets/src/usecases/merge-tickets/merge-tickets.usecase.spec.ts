import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

describe('merging a repeat into the open ticket (并单)', () => {
  it('closes the repeat into the open ticket, counts it there and tells the unit holding it', async () => {
    const w = ticketSpecWorld();
    const open = await w.dispatched(UNIT);
    const repeat = w.addTicket({ text: '桃园小区门口又在占道经营了，上次反映还没处理。' });
    const merged = await w.useCases.mergeTickets.execute({ ticketId: repeat.id, targetTicketId: open.id, reason: '同一诉求人重复反映', actor: OPERATOR });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: open.id, disposition: 'merged', closedAt: w.clock.now() });
    expect(w.ticket(open.id).repeatCount).toBe(1);
    expect(w.events(open.id).at(-1)).toMatchObject({ type: 'repeat_merged', reason: '同一诉求人重复反映', data: { ticketId: repeat.id } });
    const notice = w.mails().at(-1);
    expect(notice).toMatchObject({
      kind: 'notice',
      to: [w.unit(UNIT).email],
      ticketId: open.id,
      dedupeKey: `repeat-${repeat.id}`,
      subject: expect.stringMatching(/^重复来件：工单 QH20260302-\d+ 诉求人再次反映$/),
    });
    expect(notice?.text).toContain('已并入原工单，请加快办理。\n\n新来件内容：\n桃园小区门口又在占道经营了，上次反映还没处理。');
  });

  it("masks the repeat's personal data in the notice when the open ticket is confidential", async () => {
    const w = ticketSpecWorld();
    const open = await w.dispatched(UNIT, { confidential: true, requester: { name: '李四', phone: '13900000022' } });
    const repeat = w.addTicket({
      text: '我是李四，电话13900000022，住东湖区桃园小区5栋，门口又在占道经营了。',
      requester: { name: '李四', phone: '13900000022' },
    });
    await w.useCases.mergeTickets.execute({ ticketId: repeat.id, targetTicketId: open.id, actor: OPERATOR });
    expect(w.mails().at(-1)?.text).toContain('新来件内容：\n我是李*，电话139****0022，住东湖区桃园小区5栋，门口又在占道经营了。');
  });

  it('refuses a merge into itself, into a closed ticket, and one racing a change of the open ticket', async () => {
    const w = ticketSpecWorld();
    const repeat = w.addTicket();
    await expect(w.useCases.mergeTickets.execute({ ticketId: repeat.id, targetTicketId: repeat.id, actor: OPERATOR })).rejects.toThrow(
      'a ticket cannot be merged into itself',
    );
    const closed = w.addTicket({ status: 'closed' });
    await expect(w.useCases.mergeTickets.execute({ ticketId: repeat.id, targetTicketId: closed.id, actor: OPERATOR })).rejects.toThrow(
      `ticket ${closed.id} is closed (已办结); merge into an open ticket`,
    );
    const open = w.addTicket({ status: 'accepted' });
    w.repos.tickets.addRepeatIfVersion = async () => false; // the open ticket changed meanwhile
    await expect(w.useCases.mergeTickets.execute({ ticketId: repeat.id, targetTicketId: open.id, actor: OPERATOR })).rejects.toMatchObject({
      code: 'TICKET_CONFLICT',
    });
    expect(w.ticket(repeat.id)).toMatchObject({ status: 'received', mergedIntoId: null });
    expect(w.events(repeat.id)).toEqual([]);
  });
});
