import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'path';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UnitOfWorkModule, WebhookCommits } from '@hub/database';
import {
  createSmsTransport,
  DeliverWebhookUseCase,
  FetchWebhookPoster,
  FolderTransport,
  MAIL_TRANSPORT,
  type MailTransport,
  QueueCommittedWebhooksUseCase,
  RecordSmsReceiptUseCase,
  RecordSmsReplyUseCase,
  SendOutboxMailsUseCase,
  SendOutboxMailUseCase,
  SendSmsUseCase,
  SmtpTransport,
  SMS_TRANSPORT,
  type SmsTransport,
  SweepOutboxUseCase,
  SweepSmsOutboxUseCase,
  SweepWebhookDeliveriesUseCase,
  SyncWebhookEndpointsUseCase,
  WEBHOOK_POSTER,
} from '@hub/notify';

/** The mail and SMS connections are closed when the worker stops (after its jobs finished). */
@Injectable()
class TransportCloser implements OnApplicationShutdown {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
    @Inject(SMS_TRANSPORT) private readonly sms: SmsTransport,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.mail.close();
    await this.sms.close();
  }
}

const USE_CASES = [
  SendOutboxMailUseCase,
  SendOutboxMailsUseCase,
  SweepOutboxUseCase,
  SendSmsUseCase,
  SweepSmsOutboxUseCase,
  RecordSmsReceiptUseCase,
  RecordSmsReplyUseCase,
  DeliverWebhookUseCase,
  SweepWebhookDeliveriesUseCase,
  QueueCommittedWebhooksUseCase,
  SyncWebhookEndpointsUseCase,
];

/**
 * Outgoing mail (SMTP_URL, or the outbox-mail folder), SMS (SMS_URL: SMPP, Aliyun, or the
 * outbox-sms folder) and webhooks (webhooks.yaml), with the use cases the worker runs over them.
 */
@Module({
  imports: [UnitOfWorkModule],
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [HUB_CONFIG],
      useFactory: (c: HubConfig): MailTransport =>
        c.env.smtpUrl ? new SmtpTransport(c.env.smtpUrl) : new FolderTransport(join(c.env.dataDir, 'outbox-mail'), (m) => new Logger('mail').log(m)),
    },
    { provide: SMS_TRANSPORT, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => createSmsTransport(c, (m) => new Logger('sms').log(m)) },
    { provide: WEBHOOK_POSTER, useClass: FetchWebhookPoster },
    WebhookCommits,
    TransportCloser,
    ...USE_CASES,
  ],
  exports: [SMS_TRANSPORT, WebhookCommits, ...USE_CASES],
})
export class WorkerNotifyModule {}
