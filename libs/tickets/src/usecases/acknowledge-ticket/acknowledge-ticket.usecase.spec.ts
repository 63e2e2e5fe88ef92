import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

describe('acknowledging a ticket (签收)', () => {
  it("meets the lead unit's acknowledge limit and moves the ticket on", async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    w.clock.set('2026-03-02 10:30');
    const done = await w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: w.unit('东湖区城市管理局').id, actor: unitActor('东湖区城市管理局') });
    expect(done).toMatchObject({ status: 'acknowledged', acknowledgedAt: w.clock.now() });
    const ack = w.deadlines(t.id).find((d) => d.stage === 'acknowledge');
    expect(ack).toMatchObject({ status: 'met', metAt: w.clock.now(), nextReminderAt: null });
    expect(w.assignments(t.id)[0].acknowledgedAt).toEqual(w.clock.now());
  });

  it('lets an assisting unit sign its own part once, without moving the ticket', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    const assist = w.unit('市市场监督管理局');
    await w.useCases.dispatchTicket.execute({ ticketId: t.id, unitId: w.unit('东湖区城市管理局').id, assistUnitIds: [assist.id], actor: OPERATOR });
    const signed = await w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: assist.id, actor: unitActor(assist.name) });
    expect(signed.status).toBe('dispatched');
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'assist_acknowledged', data: { unitId: assist.id } });
    await expect(w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: assist.id, actor: unitActor(assist.name) })).rejects.toThrow(
      'the assisting unit (协办) has already acknowledged (签收) this ticket',
    );
  });

  it('shows a unit that does not hold the ticket not-found', async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    await expect(w.useCases.acknowledgeTicket.execute({ ticketId: t.id, unitId: w.unit('市教育局').id, actor: unitActor('市教育局') })).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
  });
});
