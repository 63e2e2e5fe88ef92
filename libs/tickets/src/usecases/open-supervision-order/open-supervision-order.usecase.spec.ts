import { SpecClock, ticketSpecWorld } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';
const SUPERVISOR = { kind: 'user' as const, id: 9, name: '督办科' };

describe('opening a supervision order (督办单)', () => {
  it('addresses each ticket’s lead unit, mails it, starts a clock and writes the timeline', async () => {
    const w = ticketSpecWorld();
    const a = await w.acknowledged(UNIT);
    const b = await w.dispatched('市住房和城乡建设局');
    const orders = await w.useCases.openSupervisionOrder.execute({
      ticketIds: [a.id, b.id],
      level: 'listed',
      reason: '群众反映强烈',
      instructions: '三日内现场核查并书面回复',
      dueAt: SpecClock.at('2026-03-05 17:00'),
      actor: SUPERVISOR,
    });
    expect(orders.map((o) => [o.ticketId, o.unitId, o.status])).toEqual([
      [a.id, w.unit(UNIT).id, 'open'],
      [b.id, w.unit('市住房和城乡建设局').id, 'open'],
    ]);
    expect(orders[0].batchKey).toBeTruthy();
    expect(orders[0].batchKey).toBe(orders[1].batchKey);
    expect(w.openDeadline(a.id, 'supervision')).toMatchObject({ dueAt: SpecClock.at('2026-03-05 17:00'), unitId: w.unit(UNIT).id, nextLevel: 'yellow' });
    expect(w.events(a.id).at(-1)).toMatchObject({ type: 'supervision_opened', reason: '挂牌督办：群众反映强烈' });
    const mail = w.mails().find((m) => m.dedupeKey === `supervision-${orders[0].id}`);
    expect(mail?.to).toEqual([w.unit(UNIT).email]);
    expect(mail?.subject).toContain('【挂牌督办】');
    expect(mail?.text).toContain('三日内现场核查并书面回复');
  });

  it('refuses the whole batch when one ticket has no unit, and a due time already past', async () => {
    const w = ticketSpecWorld();
    const a = await w.acknowledged(UNIT);
    const fresh = w.addTicket();
    const open = (ticketIds: number[], due = '2026-03-05 17:00') =>
      w.useCases.openSupervisionOrder.execute({
        ticketIds,
        level: 'urge',
        reason: '催办',
        instructions: '尽快办理',
        dueAt: SpecClock.at(due),
        actor: SUPERVISOR,
      });
    await expect(open([a.id, fresh.id])).rejects.toMatchObject({ code: 'ACTION_REFUSED' });
    expect(w.repos.orders.table.all()).toEqual([]);
    expect(w.openDeadline(a.id, 'supervision')).toBeUndefined();
    await expect(open([a.id], '2026-03-02 08:00')).rejects.toThrow('督办回复时限必须晚于当前时间');
    await expect(open([])).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'ticketIds' });
  });
});

describe('answering and withdrawing an order', () => {
  async function opened() {
    const w = ticketSpecWorld();
    const t = await w.acknowledged(UNIT);
    const [order] = await w.useCases.openSupervisionOrder.execute({
      ticketIds: [t.id],
      level: 'supervise',
      reason: '超期未办结',
      instructions: '说明原因',
      dueAt: SpecClock.at('2026-03-04 17:00'),
      actor: SUPERVISOR,
    });
    return { w, t, order };
  }

  it('records the unit’s written answer, stops the order’s clock and leaves the ticket’s alone', async () => {
    const { w, t, order } = await opened();
    w.clock.set('2026-03-03 10:00');
    const answered = await w.useCases.answerSupervisionOrder.execute({
      orderId: order.id,
      unitIds: [w.unit(UNIT).id],
      text: '已现场核查，摊点已清理。',
      actor: { kind: 'unit', id: 3, name: UNIT },
    });
    expect(answered).toMatchObject({ status: 'answered', answerText: '已现场核查，摊点已清理。', answeredAt: SpecClock.at('2026-03-03 10:00') });
    expect(w.deadlines(t.id).find((d) => d.stage === 'supervision')).toMatchObject({ status: 'met' });
    expect(w.openDeadline(t.id, 'reply')).toBeDefined();
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'supervision_answered', data: { late: false } });
    await expect(
      w.useCases.answerSupervisionOrder.execute({ orderId: order.id, text: '再答一次', actor: { kind: 'unit', id: 3, name: UNIT } }),
    ).rejects.toThrow('督办单已回复，不能督办回复');
  });

  it('hides another unit’s order as missing', async () => {
    const { w, order } = await opened();
    await expect(
      w.useCases.answerSupervisionOrder.execute({
        orderId: order.id,
        unitIds: [w.unit('市住房和城乡建设局').id],
        text: '不是我们的',
        actor: { kind: 'unit', id: 4, name: '市住房和城乡建设局' },
      }),
    ).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('keeps an order’s clock when the ticket is closed, and ends it when the order is withdrawn', async () => {
    const { w, t, order } = await opened();
    await w.useCases.replyTicket.execute({
      ticketId: t.id,
      unitId: w.unit(UNIT).id,
      outcome: 'resolved',
      text: '已处理。',
      actor: { kind: 'unit', name: UNIT },
    });
    await w.useCases.closeTicket.execute({ ticketId: t.id, reason: '联系不上诉求人', actor: SUPERVISOR });
    expect(w.openDeadline(t.id, 'supervision')).toBeDefined();
    const withdrawn = await w.useCases.withdrawSupervisionOrder.execute({ orderId: order.id, reason: '误发', actor: SUPERVISOR });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: '误发' });
    expect(w.openDeadline(t.id, 'supervision')).toBeUndefined();
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'supervision_withdrawn', reason: '误发' });
  });
});
