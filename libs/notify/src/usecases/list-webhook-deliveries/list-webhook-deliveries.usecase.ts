import { Injectable } from '@nestjs/common';
import { UnitOfWork, WEBHOOK_DELIVERIES, WebhookDelivery } from '@hub/database';
import { validateCommand } from '@hub/database';
import { ListWebhookDeliveriesCommand } from './list-webhook-deliveries.command';

/** Deliveries newest first, by status (`failed`: given up, waiting for an admin), endpoint or ticket. */
@Injectable()
export class ListWebhookDeliveriesUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ListWebhookDeliveriesCommand): Promise<WebhookDelivery[]> {
    const cmd = validateCommand(ListWebhookDeliveriesCommand, input);
    return this.uow.read(WEBHOOK_DELIVERIES).list({ ...cmd, limit: cmd.limit ?? 100 });
  }
}
