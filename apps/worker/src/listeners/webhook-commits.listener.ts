import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { WebhookCommits } from '@hub/database';
import { QueueCommittedWebhooksUseCase, SyncWebhookEndpointsUseCase } from '@hub/notify';

/** webhooks.yaml's endpoints written to the database at start; events committed in this process queue their deliveries at once. */
@Injectable()
export class WebhookCommitsListener implements OnModuleInit {
  private readonly log = new Logger('messaging');

  constructor(
    private readonly syncEndpoints: SyncWebhookEndpointsUseCase,
    private readonly committed: QueueCommittedWebhooksUseCase,
    private readonly commits: WebhookCommits,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.syncEndpoints.execute();
    this.commits.subscribe((eventIds) => {
      this.committed.execute({ eventIds }).catch((e: Error) => this.log.warn(`webhooks not queued (${e.message}); the webhook sweep will`));
    });
  }
}
