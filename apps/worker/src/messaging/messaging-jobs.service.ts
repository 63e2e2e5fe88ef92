import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { WebhookCommits } from '@hub/database';
import {
  DeliverWebhookUseCase,
  QueueCommittedWebhooksUseCase,
  RecordSmsReceiptUseCase,
  RecordSmsReplyUseCase,
  SendSmsUseCase,
  SMS_TRANSPORT,
  SmppTransport,
  SmsTransport,
  SweepSmsOutboxUseCase,
  SweepWebhookDeliveriesUseCase,
  SyncWebhookEndpointsUseCase,
} from '@hub/notify';
import { JobHandlerRegistry } from '@hub/queue';
import { ScheduleRegistry } from '../worker-runner.service';

/** SMS and webhook jobs: thin handlers over the use cases, the sweeps, and the gateway's receipts and replies. */
@Injectable()
export class MessagingJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('messaging');
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    @Inject(SMS_TRANSPORT) private readonly transport: SmsTransport,
    private readonly sendSms: SendSmsUseCase,
    private readonly sweepSms: SweepSmsOutboxUseCase,
    private readonly receipt: RecordSmsReceiptUseCase,
    private readonly reply: RecordSmsReplyUseCase,
    private readonly deliver: DeliverWebhookUseCase,
    private readonly sweepWebhooks: SweepWebhookDeliveriesUseCase,
    private readonly committed: QueueCommittedWebhooksUseCase,
    private readonly syncEndpoints: SyncWebhookEndpointsUseCase,
    private readonly commits: WebhookCommits,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register('send-sms', (p) => this.sendSms.execute(p));
    this.registry.register('sms-sweep', () => this.sweepSms.execute());
    this.registry.register('webhook-deliver', (p) => this.deliver.execute(p));
    this.registry.register('webhook-sweep', () => this.sweepWebhooks.execute());
    this.schedules.add({ schedulerId: 'sched-sms-sweep', name: 'sms-sweep', payload: {}, everyMs: 60_000 });
    this.schedules.add({ schedulerId: 'sched-webhook-sweep', name: 'webhook-sweep', payload: {}, everyMs: 30_000 });

    this.transport.onInbound(async (e) => {
      if (e.kind === 'receipt') return (await this.receipt.execute(e)).result === 'recorded';
      const r = await this.reply.execute(e);
      if (r === 'opted-out') this.log.log(`SMS: ${e.phone.slice(0, 3)}****${e.phone.slice(-4)} replied 退订`);
      return true;
    });
    // An SMPP gateway pushes receipts and replies only to a bound session: bind at start, not at the first send.
    if (this.transport instanceof SmppTransport) this.transport.connect().catch((e: Error) => this.log.warn(`SMS gateway: ${e.message}`));

    await this.syncEndpoints.execute();
    this.commits.subscribe((eventIds) => {
      this.committed.execute({ eventIds }).catch((e: Error) => this.log.warn(`webhooks not queued (${e.message}); the webhook sweep will`));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
