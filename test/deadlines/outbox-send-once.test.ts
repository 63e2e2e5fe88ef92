import { DataSource } from 'typeorm';
import { HubConfig, loadConfig } from '@hub/config';
import { OUTBOX, OUTBOX_DELIVERY, openDatabase, OutgoingMailEntity, TypeOrmUnitOfWork } from '@hub/database';
import { MailMessage, MailTransport, SendOutboxMailCommand, SendOutboxMailUseCase, SmtpTransport } from '@hub/notify';
import { RecordingJobProducer } from '@hub/queue';
import { createMysqlDatabase, SmtpSink, startSmtpSink } from '@hub/testing';

/** The real SMTP server behind a send that takes a while, as a busy relay does. */
class SlowTransport implements MailTransport {
  constructor(
    private readonly inner: MailTransport,
    private readonly ms: number,
    private readonly after?: () => Promise<void>,
  ) {}
  async send(m: MailMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, this.ms));
    await this.inner.send(m);
    await this.after?.();
  }
  close(): void {
    this.inner.close();
  }
}

describe('an outbox mail reaches the SMTP server once', () => {
  let drop: () => Promise<void>;
  let sink: SmtpSink;
  let smtp: SmtpTransport;
  let url: string;
  const sources: DataSource[] = [];

  const config = (): HubConfig => loadConfig({ ...process.env, DATABASE_URL: url, HUB_MAIL_FROM: 'hub@qinghe.example' });
  const uow = (ds: DataSource) => new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
  /** The worker's mail-send job over this database connection. */
  const sendOutboxMail = (ds: DataSource, transport: MailTransport, outboxId: number, command: Partial<SendOutboxMailCommand> = {}) =>
    new SendOutboxMailUseCase(uow(ds), transport, config()).execute({ outboxId, ...command });
  /** What the outbox sweep would queue again. */
  const pendingOutbox = (ds: DataSource, now: Date) => uow(ds).read(OUTBOX_DELIVERY).listDue(now, 500);

  async function open(): Promise<DataSource> {
    const ds = await openDatabase(config().env.database, { migrate: sources.length === 0 });
    sources.push(ds);
    return ds;
  }

  async function mail(ds: DataSource, key: string): Promise<number> {
    return (await uow(ds).run((tx) =>
      tx.get(OUTBOX).add({
        dedupeKey: key,
        kind: 'reminder',
        to: ['donghu-cg@units.qinghe.example'],
        subject: `【催办】工单 ${key} 即将超期`,
        text: '请尽快办理。',
      }),
    ))!;
  }

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubsendonce');
    drop = db.drop;
    url = db.url;
    sink = await startSmtpSink();
    smtp = new SmtpTransport(sink.url);
    await open();
  }, 60_000);

  afterAll(async () => {
    smtp?.close();
    for (const s of sources) if (s.isInitialized) await s.destroy();
    await sink?.stop();
    await drop?.();
  });

  beforeEach(() => sink.clear());

  it('two workers holding the same send job (Redis flushed under a running send) deliver each mail once', async () => {
    const [a, b] = [sources[0], await open()];
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await mail(a, `twice-${i}`));
    const slow = new SlowTransport(smtp, 200);
    const results = await Promise.all(ids.flatMap((id) => [sendOutboxMail(a, slow, id), sendOutboxMail(b, slow, id)]));

    expect(results.filter((r) => r === 'sent')).toHaveLength(4);
    await sink.waitFor(4);
    expect(sink.messages.map((m) => m.messageId).sort()).toEqual([...new Set(sink.messages.map((m) => m.messageId))].sort());
    expect(sink.messages).toHaveLength(4);
    const rows = await a.getRepository(OutgoingMailEntity).findBy(ids.map((id) => ({ id })));
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('a mail the SMTP server took while the database went away is not sent again by the retried job', async () => {
    const doomed = await open();
    const id = await mail(doomed, 'db-restart');
    // The database goes away right after the SMTP server has the mail (MariaDB restarted).
    const transport = new SlowTransport(smtp, 0, () => doomed.destroy());
    await expect(sendOutboxMail(doomed, transport, id, { recordSentForMs: 0 })).rejects.toThrow();
    await sink.waitFor(1);

    // The database is back; the queue retries the job, and the outbox sweep looks for lost mails.
    const back = sources[0];
    expect(await sendOutboxMail(back, smtp, id)).toBe('in-progress');
    expect(await pendingOutbox(back, new Date())).not.toContain(id);
    expect(sink.messages).toHaveLength(1);
  });

  it('a mail whose sender was killed mid-send is sent by the outbox sweep once its claim has run out', async () => {
    const ds = sources[0];
    const id = await mail(ds, 'killed-sender');
    await ds.getRepository(OutgoingMailEntity).update(id, { status: 'sending', nextAttemptAt: new Date(Date.now() - 1000) });

    expect(await pendingOutbox(ds, new Date())).toContain(id);
    expect(await sendOutboxMail(ds, smtp, id)).toBe('sent');
    await sink.waitFor(1);
    expect(sink.messages.map((m) => m.subject)).toEqual(['【催办】工单 killed-sender 即将超期']);
  });
});
