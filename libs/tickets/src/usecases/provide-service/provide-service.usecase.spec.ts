import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

describe('providing the service at the desk (提供服务)', () => {
  it('closes the matter as served, with what was done', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket();
    await w.useCases.acceptTicket.execute({ ticketId: t.id, actor: OPERATOR });
    const done = await w.useCases.provideService.execute({ ticketId: t.id, text: '已转接供电抢修热线。', actor: OPERATOR });
    expect(done).toMatchObject({ status: 'service_provided', disposition: 'service_provided', repliedAt: w.clock.now() });
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'provide_service', data: { replyText: '已转接供电抢修热线。' } });
  });

  it('refuses a ticket already with a unit', async () => {
    const w = ticketSpecWorld();
    const t = await w.dispatched();
    await expect(w.useCases.provideService.execute({ ticketId: t.id, text: '已处理', actor: OPERATOR })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});
