import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

describe('marking an item invalid (无效件)', () => {
  it('closes it with the reason', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    const done = await w.useCases.markInvalid.execute({ ticketId: t.id, reason: '骚扰电话', actor: OPERATOR });
    expect(done).toMatchObject({ status: 'invalid', disposition: 'invalid', closedAt: w.clock.now() });
    expect(w.events(t.id)).toMatchObject([{ type: 'mark_invalid', reason: '骚扰电话' }]);
  });

  it('needs a reason', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    await expect(w.useCases.markInvalid.execute({ ticketId: t.id, reason: ' ', actor: OPERATOR })).rejects.toMatchObject({ code: 'MISSING_TRANSITION_DATA' });
    await expect(w.useCases.markInvalid.execute({ ticketId: t.id, actor: OPERATOR } as never)).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'reason' });
  });
});
