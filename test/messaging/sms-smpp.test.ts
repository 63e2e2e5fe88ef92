import { DataSource } from 'typeorm';
import { loadConfig, SmsSettings } from '@hub/config';
import { openDatabase, OutgoingSmsEntity, SMS_OPT_OUTS, TypeOrmUnitOfWork } from '@hub/database';
import { Clock, fixedClock } from '@hub/domain';
import {
  queueSmsBatch,
  liaisonReminderSms,
  queueLiaisonSms,
  queueSms,
  receiptSms,
  RecordSmsReceiptUseCase,
  RecordSmsReplyUseCase,
  SendSmsUseCase,
  SmppTransport,
  surveySms,
  SweepSmsOutboxUseCase,
} from '@hub/notify';
import { RecordingJobProducer } from '@hub/queue';
import { createMysqlDatabase } from '@hub/testing';
import { TestSmsc } from './smsc';

const DAY = '2026-03-02T10:00:00+08:00';
const LIAISON = '13900000102'; // 东湖区城市管理局's liaison officer in the demo units.yaml

describe('SMS over SMPP 3.4 against a real SMPP server', () => {
  let drop: () => Promise<void>;
  let ds: DataSource;
  let smsc: TestSmsc;
  let settings: Extract<SmsSettings, { kind: 'smpp' }>;
  let transport: SmppTransport;
  let jobs: RecordingJobProducer;
  let uow: TypeOrmUnitOfWork;
  const config = loadConfig({ ...process.env, HUB_CONFIG_DIR: `${__dirname}/../../config` });

  const sender = (clock: Clock, t = transport) => new SendSmsUseCase(uow, clock, t);
  const rows = () => ds.getRepository(OutgoingSmsEntity).find({ order: { id: 'ASC' } });
  /** What the queue would run: every send-sms job recorded so far, once. */
  async function runSendJobs(clock: Clock): Promise<string[]> {
    const batch = jobs.jobs.splice(0).filter((j) => j.name === 'send-sms');
    const results: string[] = [];
    for (const j of batch) results.push(await sender(clock).execute(j.payload as { smsId: number }));
    return results;
  }

  beforeAll(async () => {
    const db = await createMysqlDatabase('hubsmpp');
    drop = db.drop;
    ds = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: db.url }).env.database, { migrate: true });
    smsc = new TestSmsc('hub', 'secret12');
    const port = await smsc.start();
    const env = loadConfig({ ...process.env, SMS_URL: `smpp://hub:secret12@127.0.0.1:${port}?source=12345` }).env;
    settings = env.sms as typeof settings;
    transport = new SmppTransport(settings, { timeoutMs: 5000 });
    jobs = new RecordingJobProducer();
    uow = new TypeOrmUnitOfWork(ds, jobs);
    const receipts = new RecordSmsReceiptUseCase(uow);
    const replies = new RecordSmsReplyUseCase(uow);
    transport.onInbound(async (e) => (e.kind === 'receipt' ? (await receipts.execute(e)).result === 'recorded' : (await replies.execute(e), true)));
    await transport.connect();
  }, 60_000);

  afterAll(async () => {
    await transport?.close();
    await smsc?.stop();
    if (ds?.isInitialized) await ds.destroy();
    await drop?.();
  });

  it('binds as a transceiver with the credentials of SMS_URL, and a wrong password is refused with a message naming SMS_URL', async () => {
    expect(smsc.binds[0]).toEqual({ systemId: 'hub', ok: true });
    const wrong = new SmppTransport({ ...settings, password: 'nope' }, { timeoutMs: 5000 });
    await expect(wrong.send({ id: 1, phone: LIAISON, text: '测试', attempt: 1 })).rejects.toThrow(/bind refused \(ESME_RINVPASWD.*SMS_URL/);
    await wrong.close();
  });

  it('a liaison officer gets each SMS reminder once, as concatenated UCS-2 segments when long, and its receipts are recorded', async () => {
    const clock = fixedClock(DAY);
    const now = clock.now();
    const draft = liaisonReminderSms({ number: 'QH20260302-000017', stage: '答复', dueAt: new Date('2026-03-04T18:00:00+08:00') });
    const long = { ...draft, text: `${draft.text}诉求人反映东湖区湖滨新村小区物业擅自上调物业费，已三次来电，请务必在时限内答复并上传办理结果。` };
    // The sweep decides the same reminder twice (a retried job): one outbox row.
    for (let i = 0; i < 2; i++) {
      await uow.run(async (tx) => {
        await queueLiaisonSms(tx, config, '东湖区城市管理局', long, 'reminder-17-reply-due', 17, now);
        expect(await queueLiaisonSms(tx, config, '市生态环境局', long, 'reminder-17-x', 17, now)).toBe(false); // no liaison officer
      });
    }
    // Two workers hold the same send job (Redis lost it under a running send): one sends.
    const [job] = jobs.jobs.splice(0);
    const results = await Promise.all([sender(clock).execute(job.payload as never), sender(clock).execute(job.payload as never)]);
    expect(results.filter((r) => r === 'sent')).toHaveLength(1);
    expect(results.filter((r) => r !== 'sent')).toEqual([expect.stringMatching(/^(in-progress|already-sent)$/)]);
    expect(await sender(clock).execute(job.payload as never)).toBe('already-sent');

    expect(smsc.messages()).toEqual([{ to: LIAISON, text: long.text, parts: 2 }]);
    expect(smsc.submitted.every((s) => s.dataCoding === 8 && s.text.length <= 67 && s.from === '12345')).toBe(true);
    await waitFor(async () => (await rows())[0].deliveryStatus === 'delivered');
    expect((await rows())[0]).toMatchObject({ status: 'sent', segments: 2, segmentsDelivered: 2, deliveryStatus: 'delivered', attempts: 1 });
  });

  it('a phone-only caller gets the receipt and the survey link by SMS; after replying TD, no more surveys but still receipts', async () => {
    smsc.submitted.length = 0;
    const clock = fixedClock(DAY);
    const caller = '+86 138-0013-8000';
    await uow.run(async (tx) => {
      await queueSms(
        tx,
        { ...receiptSms({ number: 'QH20260302-000018', lookupCode: 'K7P2Q9' }), dedupeKey: 'receipt-18', phone: caller, ticketId: 18 },
        clock.now(),
      );
      await queueSms(
        tx,
        { ...surveySms({ number: 'QH20260302-000018', link: 'http://127.0.0.1:3000/s/18' }), dedupeKey: 'survey-18', phone: caller, ticketId: 18 },
        clock.now(),
      );
    });
    expect(await runSendJobs(clock)).toEqual(['sent', 'sent']);
    expect(smsc.messages().map((m) => [m.to, m.text])).toEqual([
      ['13800138000', '您的诉求已受理，工单号QH20260302-000018，查询码K7P2Q9，可凭此查询办理进度。'],
      ['13800138000', '工单QH20260302-000018已答复，请评价：http://127.0.0.1:3000/s/18 回TD退订'],
    ]);

    expect(await smsc.reply('8613800138000', 'TD')).toBe(0);
    expect(await uow.read(SMS_OPT_OUTS).isOptedOut('13800138000')).toBe(true);
    await uow.run(async (tx) => {
      await queueSms(
        tx,
        { ...surveySms({ number: 'QH20260302-000019', link: 'http://127.0.0.1:3000/s/19' }), dedupeKey: 'survey-19', phone: caller, ticketId: 19 },
        clock.now(),
      );
      await queueSms(
        tx,
        { ...receiptSms({ number: 'QH20260302-000019', lookupCode: 'Z3X9' }), dedupeKey: 'receipt-19', phone: caller, ticketId: 19 },
        clock.now(),
      );
    });
    expect(await runSendJobs(clock)).toEqual(['suppressed', 'sent']);
    expect(smsc.messages().map((m) => m.text)).toHaveLength(3);
    expect(smsc.messages()[2].text).toContain('查询码Z3X9');
  });

  it('holds a non-urgent SMS written at night until 08:00, then the sweep sends it; an urgent one goes at once', async () => {
    smsc.submitted.length = 0;
    const night = fixedClock('2026-03-02T23:10:00+08:00');
    await uow.run(async (tx) => {
      await queueSms(
        tx,
        { ...receiptSms({ number: 'QH20260302-000020', lookupCode: 'N1GHT' }), dedupeKey: 'receipt-20', phone: '13700000020', ticketId: 20 },
        night.now(),
      );
      await queueSms(
        tx,
        {
          kind: 'alert',
          urgent: true,
          essential: true,
          text: '【紧急】工单QH20260302-000021：燃气泄漏，请立即处置。',
          dedupeKey: 'alert-21',
          phone: LIAISON,
          ticketId: 21,
        },
        night.now(),
      );
    });
    expect(jobs.jobs.map((j) => j.name)).toEqual(['send-sms']); // only the urgent one is queued now
    expect(await runSendJobs(night)).toEqual(['sent']);
    const sweep = (clock: Clock) => new SweepSmsOutboxUseCase(uow, clock, jobs).execute();
    expect(await sweep(fixedClock('2026-03-03T07:59:00+08:00'))).toEqual({ requeued: 0 });
    expect(await sweep(fixedClock('2026-03-03T08:00:30+08:00'))).toEqual({ requeued: 1 });
    expect(await runSendJobs(fixedClock('2026-03-03T08:00:30+08:00'))).toEqual(['sent']);
    expect(smsc.messages().map((m) => m.text.slice(0, 4))).toEqual(['【紧急】', '您的诉求']);
  });

  it("a reminder sweep's batch of liaison SMS is one write, and a repeated batch adds nothing", async () => {
    smsc.submitted.length = 0;
    const clock = fixedClock(DAY);
    const batch = [1, 2, 3].map((i) => ({
      ...liaisonReminderSms({ number: `QH20260302-00010${i}`, stage: '签收', dueAt: new Date('2026-03-02T18:00:00+08:00') }),
      dedupeKey: `reminder-batch-${i}`,
      phone: LIAISON,
      ticketId: 100 + i,
    }));
    expect(await uow.run((tx) => queueSmsBatch(tx, batch, clock.now()))).toBe(3);
    expect(await uow.run((tx) => queueSmsBatch(tx, batch, clock.now()))).toBe(0);
    expect(await runSendJobs(clock)).toEqual(['sent', 'sent', 'sent']);
    expect(smsc.messages().map((m) => m.text)).toEqual(batch.map((b) => b.text));
  });

  it('records an undeliverable receipt that comes at once after the answer to submit_sm', async () => {
    smsc.submitted.length = 0;
    smsc.autoReceipt = 'undeliverable';
    smsc.receiptDelayMs = 0;
    const clock = fixedClock(DAY);
    await uow.run((tx) =>
      queueSms(
        tx,
        { ...receiptSms({ number: 'QH20260302-000022', lookupCode: 'AB12' }), dedupeKey: 'receipt-22', phone: '13700000022', ticketId: 22 },
        clock.now(),
      ),
    );
    expect(await runSendJobs(clock)).toEqual(['sent']);
    await waitFor(async () => (await ds.getRepository(OutgoingSmsEntity).findOneBy({ dedupeKey: 'receipt-22' }))?.deliveryStatus === 'undeliverable');
    smsc.autoReceipt = 'delivered';
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
