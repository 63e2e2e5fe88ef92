import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWork, WEBHOOK_DELIVERIES } from '@hub/database';

/**
 * Start-up: the database learns webhooks.yaml's endpoints and their events, so that every process
 * recording a ticket event (API, worker, CLI) adds the deliveries in the event's transaction.
 */
@Injectable()
export class SyncWebhookEndpointsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(): Promise<number> {
    const endpoints = this.config.webhooks.webhooks.map((w) => ({ name: w.name, events: w.events, source: w.source ?? null }));
    await this.uow.run((tx) => tx.get(WEBHOOK_DELIVERIES).syncEndpoints(endpoints));
    return endpoints.length;
  }
}
