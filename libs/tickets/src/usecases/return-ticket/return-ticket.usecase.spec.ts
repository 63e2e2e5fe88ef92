import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

describe('returning a misrouted ticket (退单)', () => {
  it("stops the clock of the unit's deadlines until the desk decides", async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    const unit = w.unit('东湖区城市管理局');
    w.clock.set('2026-03-02 15:00');
    const back = await w.useCases.returnTicket.execute({ ticketId: t.id, unitId: unit.id, reason: '不属于本单位职责', actor: unitActor(unit.name) });
    expect(back.status).toBe('returned');
    expect(w.ticket(t.id).returnCount).toBe(1);
    expect(w.assignments(t.id)[0]).toMatchObject({ status: 'returned', returnReason: '不属于本单位职责', returnedAt: w.clock.now() });
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.status === 'open')
        .every((d) => d.pausedAt && d.nextReminderAt === null),
    ).toBe(true);
  });

  it('refuses after the return window closed, and an assisting unit, and a return without a reason', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    const lead = w.unit('东湖区城市管理局');
    const assist = w.unit('市市场监督管理局');
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: lead.id, assistUnitIds: [assist.id], actor: OPERATOR });
    await expect(w.useCases.returnTicket.execute({ ticketId: t.id, unitId: assist.id, reason: '不是我们的', actor: unitActor(assist.name) })).rejects.toThrow(
      /only the lead unit \(主办\) may return the ticket/,
    );
    await expect(w.useCases.returnTicket.execute({ ticketId: t.id, unitId: lead.id, reason: '  ', actor: unitActor(lead.name) })).rejects.toMatchObject({
      code: 'MISSING_TRANSITION_DATA',
    });
    w.clock.set('2026-03-06 09:00');
    await expect(w.useCases.returnTicket.execute({ ticketId: t.id, unitId: lead.id, reason: '不属于本单位职责', actor: unitActor(lead.name) })).rejects.toThrow(
      'the return window closed at 2026-03-04T16:00:00.000Z; ask an operator to reassign instead',
    );
    expect(w.ticket(t.id).status).toBe('dispatched');
  });
});
