import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

describe('accepting a new item into triage (受理)', () => {
  it('moves a received ticket to accepted and records who did it', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    expect(await w.useCases.acceptTicket.execute({ ticketId: t.id, actor: OPERATOR })).toMatchObject({ status: 'accepted', version: 2 });
    expect(w.events(t.id)).toMatchObject([{ type: 'accept', fromStatus: 'received', toStatus: 'accepted', actorName: '话务员' }]);
  });

  it('refuses a ticket accepted already, and a ticket that does not exist', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ status: 'accepted' });
    await expect(w.useCases.acceptTicket.execute({ ticketId: t.id, actor: OPERATOR })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(w.useCases.acceptTicket.execute({ ticketId: 999, actor: OPERATOR })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('reports a conflict when someone changed the ticket between the read and the write', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    const real = w.repos.tickets.updateIfVersion.bind(w.repos.tickets);
    w.repos.tickets.updateIfVersion = async (id, version, changes) => {
      w.repos.tickets.table.update(id, { version: version + 1 }); // another request got there first
      return real(id, version, changes);
    };
    await expect(w.useCases.acceptTicket.execute({ ticketId: t.id, actor: OPERATOR })).rejects.toMatchObject({ code: 'TICKET_CONFLICT' });
    expect(w.events(t.id)).toEqual([]);
  });
});
