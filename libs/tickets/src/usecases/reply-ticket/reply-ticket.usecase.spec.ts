import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

describe("the unit's reply (办结反馈)", () => {
  it("meets the unit's limits, opens the follow-up and gives a caller a call-back task", async () => {
    const w = ticketSpecWorld();
    const t = await w.acknowledged(UNIT);
    w.clock.set('2026-03-04 10:00');
    const done = await w.useCases.replyTicket.execute({
      ticketId: t.id,
      unitId: w.unit(UNIT).id,
      outcome: 'resolved',
      text: '已清理占道摊点。',
      actor: unitActor(UNIT),
    });
    expect(done).toMatchObject({ status: 'replied', outcome: 'resolved', repliedAt: w.clock.now() });
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.status === 'open')
        .map((d) => d.stage),
    ).toEqual(['follow_up']);
    expect(w.repos.tasks.table.all().map((x) => [x.kind, x.round, x.status])).toEqual([
      ['follow_up', 1, 'open'],
      ['callback', 1, 'open'],
    ]);
    expect(w.mails().filter((m) => m.kind === 'answer')).toEqual([]);
  });

  it('mails a letter-writer the answer from the mailbox the letter came to, threaded under it', async () => {
    const w = ticketSpecWorld();
    w.config.mailboxes.mailboxes.push({ name: '市长信箱', user: 'mayor@qinghe.example' } as never);
    const t = await w.acknowledged(UNIT, { channel: 'mailbox', messageId: '<abc@citizen.example>', requester: { name: '赵女士', email: 'zhao@example.cn' } });
    await w.useCases.replyTicket.execute({ ticketId: t.id, unitId: w.unit(UNIT).id, outcome: 'resolved', text: '已清理占道摊点。', actor: unitActor(UNIT) });
    const answer = w.mails().find((m) => m.kind === 'answer');
    expect(answer).toMatchObject({
      to: ['zhao@example.cn'],
      from: '市长信箱 <mayor@qinghe.example>',
      inReplyTo: '<abc@citizen.example>',
      references: ['<abc@citizen.example>'],
      dedupeKey: `answer-${t.id}-1`,
      subject: expect.stringMatching(/^关于您的来信的答复（工单编号 QH20260302-/),
    });
    expect(answer?.text).toContain(`已由${UNIT}办理，办理结果：`);
    expect(w.repos.tasks.table.all().map((x) => x.kind)).toEqual(['follow_up']);
  });

  it("takes an assisting unit's part once, and only after it signed", async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    const assist = w.unit('市市场监督管理局');
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: w.unit(UNIT).id, assistUnitIds: [assist.id], actor: OPERATOR });
    const reply = () =>
      w.useCases.replyTicket.execute({ ticketId: t.id, unitId: assist.id, outcome: 'resolved', text: '已配合检查', actor: unitActor(assist.name) });
    await expect(reply()).rejects.toThrow('the assisting unit (协办) must acknowledge (签收) the ticket before replying');
    await w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: assist.id, actor: unitActor(assist.name) });
    expect((await reply()).status).toBe('dispatched');
    expect(w.deadlines(t.id).find((d) => d.unitId === assist.id)?.status).toBe('met');
    await expect(reply()).rejects.toThrow('the assisting unit (协办) has already replied (办结反馈) on this ticket');
  });
});
