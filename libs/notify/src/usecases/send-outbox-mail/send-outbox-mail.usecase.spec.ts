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
import { HUB_MARKER_HEADER } from '@hub/domain';
import { MailMessage, MailTransport, MAX_MAIL_ATTEMPTS } from '../../mail-transport';
import { SendOutboxMailUseCase } from './send-outbox-mail.usecase';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../../../config'), HUB_MAIL_FROM: 'hub@qinghe.example' });

class FakeSmtp implements MailTransport {
  readonly sent: MailMessage[] = [];
  failWith: string | null = null;
  async send(m: MailMessage): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.sent.push(m);
  }
  close(): void {}
}

function world() {
  const uow = new InMemoryUnitOfWork();
  const outbox = uow.read(OUTBOX) as InMemoryOutboxRepository;
  const delivery = new InMemoryOutboxDeliveryRepository(outbox);
  const reminders = new InMemoryReminderRepository();
  uow.provide(OUTBOX_DELIVERY, delivery).provide(REMINDERS, reminders);
  const smtp = new FakeSmtp();
  return { outbox, delivery, reminders, smtp, send: new SendOutboxMailUseCase(uow, smtp, config) };
}

const reminderMail = {
  dedupeKey: 'reminder-5-yellow-v1',
  kind: 'reminder' as const,
  to: ['donghu-cg@units.qinghe.example'],
  subject: '【黄灯预警】…',
  text: '请办理。',
  ticketId: 42,
};
const reminderRow = {
  key: '5-yellow-v1',
  deadlineId: 5,
  ticketId: 42,
  unitId: 7,
  stage: 'acknowledge',
  level: 'yellow',
  scheduledAt: new Date(),
  status: 'pending' as const,
  outboxId: 1,
  recipients: reminderMail.to,
  error: null,
};

describe('send an outbox mail', () => {
  it("sends a pending mail once, under a stable Message-ID and with the ticket number in the hub's header; its reminder follows", async () => {
    const w = world();
    w.delivery.tickets.set(42, new Date('2025-03-03T01:00:00Z'));
    const id = (await w.outbox.add(reminderMail)) as number;
    await w.reminders.addMany([reminderRow]);

    expect(await w.send.execute({ outboxId: id })).toBe('sent');
    expect(await w.send.execute({ outboxId: id })).toBe('already-sent');
    expect(w.smtp.sent).toHaveLength(1);
    expect(w.smtp.sent[0]).toMatchObject({
      from: 'hub@qinghe.example',
      to: 'donghu-cg@units.qinghe.example',
      messageId: expect.stringMatching(/^<outbox-1-[0-9a-f]{12}@hub\.local>$/),
      headers: { 'Auto-Submitted': 'auto-generated', [HUB_MARKER_HEADER]: 'QH20250303-000042' },
    });
    expect(w.outbox.table.get(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(w.reminders.table.all()).toMatchObject([{ key: '5-yellow-v1', status: 'sent' }]);
  });

  it('sends the mail about a city’s ticket from the city’s sender, numbered with its prefix', async () => {
    const w = world();
    w.delivery.tickets.set(42, new Date('2025-03-03T01:00:00Z'));
    w.delivery.prefixes.set(42, 'LS');
    const id = (await w.outbox.add(reminderMail)) as number;
    expect(await w.send.execute({ outboxId: id })).toBe('sent');
    expect(w.smtp.sent[0]).toMatchObject({ from: '蓝山市12345热线 <hotline@lanshan.example>', headers: { [HUB_MARKER_HEADER]: 'LS20250303-000042' } });
  });

  it('leaves a mail that another sender holds to that sender', async () => {
    const w = world();
    const id = (await w.outbox.add(reminderMail)) as number;
    w.outbox.table.update(id, { status: 'sending', nextAttemptAt: new Date(Date.now() + 60_000) });
    expect(await w.send.execute({ outboxId: id })).toBe('in-progress');
    expect(w.smtp.sent).toEqual([]);
  });

  it('records a refused send for the retry, and after the last attempt marks the mail and its reminder failed', async () => {
    const w = world();
    const id = (await w.outbox.add(reminderMail)) as number;
    await w.reminders.addMany([reminderRow]);
    w.smtp.failWith = '550 mailbox unavailable';

    await expect(w.send.execute({ outboxId: id })).rejects.toThrow('550 mailbox unavailable');
    expect(w.outbox.table.get(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: '550 mailbox unavailable' });
    expect(w.reminders.table.all()[0].status).toBe('pending');

    w.outbox.table.update(id, { attempts: MAX_MAIL_ATTEMPTS - 1 });
    await expect(w.send.execute({ outboxId: id })).rejects.toThrow();
    expect(w.outbox.table.get(id)).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect(w.reminders.table.all()[0]).toMatchObject({ status: 'failed', error: '550 mailbox unavailable' });
  });

  it('answers missing for a mail that is not there, and refuses an id that cannot be one', async () => {
    const w = world();
    expect(await w.send.execute({ outboxId: 99 })).toBe('missing');
    await expect(w.send.execute({ outboxId: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'outboxId' });
  });
});
