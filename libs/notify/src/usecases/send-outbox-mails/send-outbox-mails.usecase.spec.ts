import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import {
  InMemoryOutboxDeliveryRepository,
  InMemoryOutboxRepository,
  InMemoryReminderRepository,
  InMemoryUnitOfWork,
  OUTBOX,
  OUTBOX_DELIVERY,
  REMINDERS,
} from '@hub/database';
import { MailMessage, MailTransport } from '../../mail-transport';
import { SendOutboxMailUseCase } from '../send-outbox-mail/send-outbox-mail.usecase';
import { SendOutboxMailsUseCase, SomeMailsFailedError } from './send-outbox-mails.usecase';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../../../config'), HUB_MAIL_FROM: 'hub@qinghe.example' });

/** Refuses mails to the addresses in `refuse`. */
class FakeSmtp implements MailTransport {
  readonly sent: MailMessage[] = [];
  readonly refuse = new Set<string>();
  async send(m: MailMessage): Promise<void> {
    if (this.refuse.has(String(m.to))) throw new Error('550 mailbox unavailable');
    this.sent.push(m);
  }
  close(): void {}
}

function world() {
  const uow = new InMemoryUnitOfWork();
  const outbox = uow.read(OUTBOX) as InMemoryOutboxRepository;
  uow.provide(OUTBOX_DELIVERY, new InMemoryOutboxDeliveryRepository(outbox)).provide(REMINDERS, new InMemoryReminderRepository());
  const smtp = new FakeSmtp();
  const sendMany = new SendOutboxMailsUseCase(new SendOutboxMailUseCase(uow, smtp, config));
  const add = async (n: number) =>
    (await outbox.add({
      dedupeKey: `reminder-${n}`,
      kind: 'reminder',
      to: [`unit${n}@units.qinghe.example`],
      subject: `催办 ${n}`,
      text: '请办理。',
    })) as number;
  return { outbox, smtp, sendMany, add };
}

describe('send the outbox mails of one job', () => {
  it('sends every mail the job names, once each however often the job runs', async () => {
    const w = world();
    const ids = [await w.add(1), await w.add(2), await w.add(3)];
    expect(await w.sendMany.execute({ outboxIds: ids })).toMatchObject({ sent: 3, 'already-sent': 0 });
    expect(await w.sendMany.execute({ outboxIds: ids })).toMatchObject({ sent: 0, 'already-sent': 3 });
    expect(w.smtp.sent.map((m) => m.subject).sort()).toEqual(['催办 1', '催办 2', '催办 3']);
  });

  it('sends the others when one is refused, then fails the job so its retry tries the refused one', async () => {
    const w = world();
    const ids = [await w.add(1), await w.add(2), await w.add(3)];
    w.smtp.refuse.add('unit2@units.qinghe.example');
    const run = w.sendMany.execute({ outboxIds: ids });
    await expect(run).rejects.toBeInstanceOf(SomeMailsFailedError);
    await expect(run).rejects.toThrow('1 of 3 mails not sent (550 mailbox unavailable)');
    expect(w.smtp.sent.map((m) => m.subject).sort()).toEqual(['催办 1', '催办 3']);
    expect(w.outbox.table.get(ids[1])).toMatchObject({ status: 'pending', attempts: 1, lastError: '550 mailbox unavailable' });
  });

  it('refuses a job without mails', async () => {
    await expect(world().sendMany.execute({ outboxIds: [] })).rejects.toThrow();
  });
});
