import { InMemoryOutboxDeliveryRepository, InMemoryOutboxRepository, InMemoryUnitOfWork, OUTBOX, OUTBOX_DELIVERY } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { SweepOutboxUseCase } from './sweep-outbox.usecase';

const mail = (key: string) => ({ dedupeKey: key, kind: 'notice' as const, to: ['a@example.org'], subject: 's', text: 't' });

describe('sweep the outbox', () => {
  it("queues again the mails still pending and those whose sender's claim ran out, but not sent ones or live claims", async () => {
    const uow = new InMemoryUnitOfWork();
    const outbox = uow.read(OUTBOX) as InMemoryOutboxRepository;
    uow.provide(OUTBOX_DELIVERY, new InMemoryOutboxDeliveryRepository(outbox));
    const now = new Date('2025-03-04T01:00:00Z');
    const [pending, sent, dead, live] = await Promise.all(['pending', 'sent', 'dead', 'live'].map(async (k) => (await outbox.add(mail(k))) as number));
    outbox.table.update(pending, { nextAttemptAt: new Date(now.getTime() - 1) });
    outbox.table.update(sent, { status: 'sent', nextAttemptAt: new Date(now.getTime() - 1) });
    outbox.table.update(dead, { status: 'sending', nextAttemptAt: new Date(now.getTime() - 1000) });
    outbox.table.update(live, { status: 'sending', nextAttemptAt: new Date(now.getTime() + 60_000) });

    expect(await new SweepOutboxUseCase(uow, uow.jobs, fixedClock(now)).execute({})).toEqual({ requeued: 2 });
    expect(uow.jobs.jobs.map((j) => j.payload)).toEqual([{ outboxId: pending }, { outboxId: dead }]);
  });
});
