import { ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

describe('recording the first contact with the requester (首次联系)', () => {
  it("meets the first-contact limit without changing the ticket's state", async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched('东湖区城市管理局');
    const unit = w.unit('东湖区城市管理局');
    const after = await w.useCases.recordContact.execute({ ticketId: t.id, unitId: unit.id, note: '已电话联系来电人', actor: unitActor(unit.name) });
    expect(after.status).toBe('dispatched');
    expect(w.deadlines(t.id).find((d) => d.stage === 'first_contact')?.status).toBe('met');
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'first_contact', reason: '已电话联系来电人', data: { unitId: unit.id } });
  });

  it('refuses once no unit handles the ticket', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ status: 'accepted' });
    await expect(w.useCases.recordContact.execute({ ticketId: t.id, note: '已联系', actor: unitActor('x') })).rejects.toMatchObject({
      code: 'ACTION_REFUSED',
      message: 'first contact is recorded while a unit handles the ticket',
    });
    expect(w.events(t.id)).toEqual([]);
  });
});
