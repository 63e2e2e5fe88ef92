import { Logger, Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWorkModule, WebhookCommits } from '@hub/database';
import {
  createSmsTransport,
  DeliverWebhookUseCase,
  FetchWebhookPoster,
  QueueCommittedWebhooksUseCase,
  RecordSmsReceiptUseCase,
  RecordSmsReplyUseCase,
  SendSmsUseCase,
  SMS_TRANSPORT,
  SweepSmsOutboxUseCase,
  SweepWebhookDeliveriesUseCase,
  SyncWebhookEndpointsUseCase,
  WEBHOOK_POSTER,
} from '@hub/notify';
import { MessagingJobs } from './messaging-jobs.service';

/** SMS (SMS_URL: SMPP, Aliyun, or the outbox-sms folder) and webhooks (webhooks.yaml). */
@Module({
  imports: [UnitOfWorkModule],
  providers: [
    { provide: SMS_TRANSPORT, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => createSmsTransport(c, (m) => new Logger('sms').log(m)) },
    { provide: WEBHOOK_POSTER, useClass: FetchWebhookPoster },
    WebhookCommits,
    SendSmsUseCase,
    SweepSmsOutboxUseCase,
    RecordSmsReceiptUseCase,
    RecordSmsReplyUseCase,
    DeliverWebhookUseCase,
    SweepWebhookDeliveriesUseCase,
    QueueCommittedWebhooksUseCase,
    SyncWebhookEndpointsUseCase,
    MessagingJobs,
  ],
})
export class MessagingWorkerModule {}
