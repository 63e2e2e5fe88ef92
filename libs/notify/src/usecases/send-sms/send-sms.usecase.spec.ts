import { InMemorySmsOptOutRepository, InMemorySmsOutboxRepository, InMemoryUnitOfWork, SMS_OPT_OUTS, SMS_OUTBOX } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { queueSms } from '../../sms/queue-sms';
import { receiptSms, surveySms } from '../../sms/sms-templates';
import { SmsMessage, SmsRejectedError, SmsTransport } from '../../sms/sms-transport';
import { MAX_SMS_ATTEMPTS, SendSmsUseCase } from './send-sms.usecase';

class FakeGateway implements SmsTransport {
  readonly name = 'fake';
  readonly sent: SmsMessage[] = [];
  fail: Error | null = null;
  async send(m: SmsMessage) {
    if (this.fail) throw this.fail;
    this.sent.push(m);
    return { providerIds: [`p${this.sent.length}`] };
  }
  onInbound(): void {}
  async close(): Promise<void> {}
}

function world(at = '2026-03-02T10:00:00+08:00') {
  const outbox = new InMemorySmsOutboxRepository();
  const optOuts = new InMemorySmsOptOutRepository();
  const uow = new InMemoryUnitOfWork().provide(SMS_OUTBOX, outbox).provide(SMS_OPT_OUTS, optOuts);
  const gateway = new FakeGateway();
  const clock = fixedClock(at);
  return { uow, outbox, optOuts, gateway, clock, send: new SendSmsUseCase(uow, clock, gateway) };
}

describe('send an outbox SMS', () => {
  it('sends a queued receipt once, and a second run of the same job sends nothing', async () => {
    const w = world();
    await w.uow.run((tx) =>
      queueSms(tx, { ...receiptSms({ number: 'QH20260302-000001', lookupCode: 'AB12' }), dedupeKey: 'receipt-1', phone: '139 1234 5678' }, w.clock.now()),
    );
    expect(w.uow.jobs.jobs).toEqual([{ name: 'send-sms', payload: { smsId: 1 }, delayMs: undefined }]);
    expect(await w.send.execute({ smsId: 1 })).toBe('sent');
    expect(await w.send.execute({ smsId: 1 })).toBe('already-sent');
    expect(w.gateway.sent.map((m) => [m.phone, m.text])).toEqual([
      ['13912345678', '您的诉求已受理，工单号QH20260302-000001，查询码AB12，可凭此查询办理进度。'],
    ]);
  });

  it('keeps a survey for a phone that replied 退订 unsent, but still sends it a receipt', async () => {
    const w = world();
    await w.optOuts.optOut('13912345678', 'sms-reply', 'TD');
    await w.uow.run(async (tx) => {
      await queueSms(tx, { ...surveySms({ number: 'QH1', link: 'http://x/s/1' }), dedupeKey: 'survey-1', phone: '13912345678' }, w.clock.now());
      await queueSms(tx, { ...receiptSms({ number: 'QH1', lookupCode: 'AB12' }), dedupeKey: 'receipt-1', phone: '13912345678' }, w.clock.now());
    });
    expect(await w.send.execute({ smsId: 1 })).toBe('suppressed');
    expect(await w.send.execute({ smsId: 2 })).toBe('sent');
    expect(w.gateway.sent).toHaveLength(1);
  });

  it('holds a non-urgent SMS in quiet hours, to 08:00, and sends it then', async () => {
    const night = world('2026-03-02T23:30:00+08:00');
    await night.uow.run((tx) =>
      queueSms(tx, { ...receiptSms({ number: 'QH1', lookupCode: 'AB12' }), dedupeKey: 'r', phone: '13912345678' }, night.clock.now()),
    );
    expect(night.uow.jobs.jobs).toEqual([]);
    expect(await night.send.execute({ smsId: 1 })).toBe('not-due');
    expect((await night.outbox.find(1))?.nextAttemptAt).toEqual(new Date('2026-03-03T08:00:00+08:00'));
    const morning = new SendSmsUseCase(night.uow, fixedClock('2026-03-03T08:00:00+08:00'), night.gateway);
    expect(await morning.execute({ smsId: 1 })).toBe('sent');
  });

  it("records a gateway failure and rethrows it for the queue's back-off; the last attempt, or a refusal for good, marks it failed", async () => {
    const w = world();
    await w.uow.run((tx) => queueSms(tx, { ...receiptSms({ number: 'QH1', lookupCode: 'AB12' }), dedupeKey: 'r', phone: '13912345678' }, w.clock.now()));
    w.gateway.fail = new Error('SMSC busy');
    await expect(w.send.execute({ smsId: 1 })).rejects.toThrow('SMSC busy');
    expect(await w.outbox.find(1)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMSC busy' });
    w.outbox.table.update(1, { attempts: MAX_SMS_ATTEMPTS - 1, nextAttemptAt: w.clock.now() });
    expect(await w.send.execute({ smsId: 1 })).toBe('failed');
    await w.uow.run((tx) => queueSms(tx, { ...receiptSms({ number: 'QH2', lookupCode: 'AB12' }), dedupeKey: 'r2', phone: '13912345678' }, w.clock.now()));
    w.gateway.fail = new SmsRejectedError('invalid destination');
    expect(await w.send.execute({ smsId: 2 })).toBe('failed');
    expect(w.gateway.sent).toEqual([]);
  });

  it('refuses a command without an SMS id, naming the field', async () => {
    await expect(world().send.execute({} as never)).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'smsId' });
  });
});
