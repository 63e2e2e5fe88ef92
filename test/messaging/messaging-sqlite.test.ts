import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@hub/config';
import { ensureSource, openDatabase, TICKET_EVENTS, TicketEntity, TypeOrmUnitOfWork, WEBHOOK_DELIVERIES } from '@hub/database';
import { fixedClock } from '@hub/domain';
import {
  FolderSmsTransport,
  queueSms,
  queueSmsBatch,
  receiptSms,
  RecordSmsReceiptUseCase,
  SendSmsUseCase,
  surveySms,
  SyncWebhookEndpointsUseCase,
} from '@hub/notify';
import { RecordingJobProducer } from '@hub/queue';

/** The embedded default (npm start): the SMS outbox and webhook capture on SQLite, SMS written to outbox-sms/. */
describe('messaging on SQLite', () => {
  let ds: DataSource;
  const dir = mkdtempSync(join(tmpdir(), 'hub-msg-sqlite-'));
  const clock = fixedClock('2026-03-02T10:00:00+08:00');

  beforeAll(async () => {
    ds = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}` }).env.database, { migrate: true });
  });
  afterAll(async () => ds?.destroy());

  it('sends queued SMS to the outbox-sms folder once and records their receipts', async () => {
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    const now = clock.now();
    await uow.run(async (tx) => {
      await queueSms(tx, { ...receiptSms({ number: 'QH20260302-000001', lookupCode: 'AB12' }), dedupeKey: 'receipt-1', phone: '13800138000' }, now);
      await queueSmsBatch(tx, [{ ...surveySms({ number: 'QH20260302-000001', link: 'http://x/s/1' }), dedupeKey: 'survey-1', phone: '13800138000' }], now);
    });
    const folder = join(dir, 'outbox-sms');
    const send = new SendSmsUseCase(uow, clock, new FolderSmsTransport(folder));
    expect([await send.execute({ smsId: 1 }), await send.execute({ smsId: 2 }), await send.execute({ smsId: 1 })]).toEqual(['sent', 'sent', 'already-sent']);
    const files = readdirSync(folder).sort();
    expect(files).toEqual(['sms-1-13800138000.txt', 'sms-2-13800138000.txt']);
    expect(readFileSync(join(folder, files[0]), 'utf8')).toContain('查询码AB12');
    const receipt = await new RecordSmsReceiptUseCase(uow).execute({ providerMessageId: 'folder-1-1-1', state: 'delivered', at: now });
    expect(receipt).toEqual({ result: 'recorded', smsId: 1, deliveryStatus: 'delivered' });
  });

  it("captures a webhook delivery with each ticket event in the event's transaction", async () => {
    const config = {
      ...loadConfig({ ...process.env }),
      webhooks: { webhooks: [{ name: 'board', url: 'http://127.0.0.1:9/', secret: 'x'.repeat(16), events: ['dispatch'] }] },
    };
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    await new SyncWebhookEndpointsUseCase(uow, config as never).execute();
    const source = await ensureSource(ds, '市长信箱', 'mailbox');
    const t = await ds.getRepository(TicketEntity).save(
      ds.getRepository(TicketEntity).create({
        sourceId: source.id,
        channel: 'mailbox',
        status: 'received',
        text: '测试',
        receivedAt: new Date(),
        urgency: 'normal',
        confidential: false,
        imported: false,
        repeatCount: 0,
        returnCount: 0,
        extensionCount: 0,
        reopenCount: 0,
      }),
    );
    const actor = { kind: 'system' as const, id: null, name: '系统' };
    await uow.run(async (tx) => {
      await tx.get(TICKET_EVENTS).record({ ticketId: t.id, type: 'received', actor, at: new Date() });
      await tx.get(TICKET_EVENTS).record({ ticketId: t.id, type: 'dispatch', actor, at: new Date() });
    });
    const rows = await uow.read(WEBHOOK_DELIVERIES).list({ limit: 10 });
    expect(rows.map((r) => [r.endpoint, r.eventType, r.status, r.ticketId])).toEqual([['board', 'dispatch', 'pending', t.id]]);
    expect(await uow.read(WEBHOOK_DELIVERIES).listDue(new Date(Date.now() + 1000), 10)).toHaveLength(1);
  });
});
