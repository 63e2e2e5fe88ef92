import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { UnitOfWorkModule, WebhookCommits } from '@hub/database';
import { ListWebhookDeliveriesUseCase, QueueCommittedWebhooksUseCase, ReplayWebhookDeliveryUseCase, SyncWebhookEndpointsUseCase } from '@hub/notify';
import { WebhooksController } from './webhooks.controller';

/** The API records ticket events too: it tells the database the endpoints and queues deliveries as soon as an event commits. */
@Injectable()
class WebhookCapture implements OnModuleInit {
  private readonly log = new Logger('webhooks');
  constructor(
    @Inject(SyncWebhookEndpointsUseCase) private readonly sync: SyncWebhookEndpointsUseCase,
    @Inject(QueueCommittedWebhooksUseCase) private readonly committed: QueueCommittedWebhooksUseCase,
    @Inject(WebhookCommits) private readonly commits: WebhookCommits,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sync.execute();
    this.commits.subscribe((eventIds) => {
      this.committed.execute({ eventIds }).catch((e: Error) => this.log.warn(`webhooks not queued (${e.message}); the webhook sweep will`));
    });
  }
}

@Module({
  imports: [UnitOfWorkModule],
  controllers: [WebhooksController],
  providers: [
    ListWebhookDeliveriesUseCase,
    ReplayWebhookDeliveryUseCase,
    SyncWebhookEndpointsUseCase,
    QueueCommittedWebhooksUseCase,
    WebhookCommits,
    WebhookCapture,
  ],
})
export class WebhooksModule {}
