import { InMemoryOutboxRepository, InMemoryTicketEventRepository, InMemoryUnitOfWork, OUTBOX, TICKET_EVENTS } from '..';

const actor = { kind: 'system' as const, id: null, name: '系统' };

describe('unit of work (in-memory, as specs of use cases use it)', () => {
  it('queues the send of an outbox mail only once the unit has committed, and a repeated dedupe key sends nothing', async () => {
    const uow = new InMemoryUnitOfWork();
    const mail = { dedupeKey: 'dispatch-1', kind: 'dispatch' as const, to: ['a@example.org'], subject: 's', text: 't' };
    const first = await uow.run((tx) => tx.mail(mail));
    const second = await uow.run((tx) => tx.mail(mail));
    expect([first, second]).toEqual([true, false]);
    expect(uow.jobs.jobs).toEqual([{ name: 'mail-send', payload: { outboxId: 1 }, delayMs: undefined }]);
  });

  it('rolls back every write and queues nothing when the unit fails', async () => {
    const uow = new InMemoryUnitOfWork();
    await expect(
      uow.run(async (tx) => {
        await tx.get(TICKET_EVENTS).record({ ticketId: 1, type: 'dispatch', actor, at: new Date() });
        await tx.mail({ dedupeKey: 'k', kind: 'notice', to: ['x@example.org'], subject: 's', text: 't' });
        tx.enqueue('ticket-classify', { ticketIds: [1] });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((uow.read(TICKET_EVENTS) as InMemoryTicketEventRepository).table.all()).toEqual([]);
    expect((uow.read(OUTBOX) as InMemoryOutboxRepository).table.all()).toEqual([]);
    expect(uow.jobs.jobs).toEqual([]);
  });
});
