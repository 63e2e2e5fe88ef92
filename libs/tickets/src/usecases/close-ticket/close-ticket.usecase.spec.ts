import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

describe('closing a ticket (办结归档)', () => {
  it("ends every deadline, the unit's assignment and the open call-backs", async () => {
    const w = ticketSpecWorld();
    const t = await w.replied();
    const closed = await w.useCases.closeTicket.execute({ ticketId: t.id, reason: '三次回访均未接通', actor: OPERATOR });
    expect(closed).toMatchObject({ status: 'closed', closedAt: w.clock.now() });
    expect(w.deadlines(t.id).filter((d) => d.status === 'open')).toEqual([]);
    expect(w.assignments(t.id).map((a) => a.status)).toEqual(['closed']);
    expect(w.repos.tasks.table.all().map((x) => x.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('asks why when a replied ticket is closed without its follow-up', async () => {
    const w = ticketSpecWorld();
    const t = await w.replied();
    await expect(w.useCases.closeTicket.execute({ ticketId: t.id, actor: OPERATOR })).rejects.toThrow(/not surveyed/);
    expect(w.ticket(t.id).status).toBe('replied');
  });
});
