import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

describe('reassigning a ticket to another unit (改派)', () => {
  it("ends the old unit's deadlines and starts the new unit's, with a notice to the new unit only", async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    const old = w.unit('东湖区城市管理局');
    const next = w.unit('市市场监督管理局');
    w.clock.set('2026-03-03 10:00');
    const moved = await w.useCases.reassignTicket.execute({ ticketId: t.id, unitId: next.id, reason: '属市场监管职责', actor: OPERATOR });
    expect(moved).toMatchObject({ status: 'dispatched', leadUnitId: next.id });
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.unitId === old.id)
        .every((d) => d.status === 'cancelled'),
    ).toBe(true);
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.unitId === next.id && d.status === 'open')
        .map((d) => d.stage)
        .sort(),
    ).toEqual(['acknowledge', 'first_contact', 'reply', 'return_window']);
    expect(w.mails().map((m) => m.to[0])).toEqual([old.email, next.email]);
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'reassign', reason: '属市场监管职责' });
  });

  it('takes a returned ticket to another unit', async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    await w.useCases.returnTicket.execute({
      ticketId: t.id,
      unitId: w.unit('东湖区城市管理局').id,
      reason: '不属本单位职责',
      actor: unitActor('东湖区城市管理局'),
    });
    const moved = await w.useCases.reassignTicket.execute({ ticketId: t.id, unitId: w.unit('市市场监督管理局').id, actor: OPERATOR });
    expect(moved.status).toBe('dispatched');
    expect(w.assignments(t.id).map((a) => a.status)).toEqual(['returned', 'active']);
  });

  it('refuses to reassign to the unit that already has it', async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    await expect(w.useCases.reassignTicket.execute({ ticketId: t.id, unitId: t.leadUnitId as number, actor: OPERATOR })).rejects.toMatchObject({
      code: 'ACTION_REFUSED',
      message: 'the ticket is already with 东湖区城市管理局; reassign it to another unit',
    });
  });
});
