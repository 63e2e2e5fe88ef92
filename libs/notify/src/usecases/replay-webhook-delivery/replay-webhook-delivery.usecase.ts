import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork, WEBHOOK_DELIVERIES, WebhookDelivery } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { validateCommand } from '@hub/database';
import { ReplayWebhookDeliveryCommand } from './replay-webhook-delivery.command';

export class WebhookDeliveryNotFound extends Error {
  readonly code = 'WEBHOOK_DELIVERY_NOT_FOUND';
}
export class WebhookDeliveryInFlight extends Error {
  readonly code = 'WEBHOOK_DELIVERY_IN_FLIGHT';
}

/**
 * An admin sends a failed (or an already delivered) delivery again: same body, same X-Hub-Delivery,
 * so a receiver that had it can tell. A pending one is already being tried: refused.
 */
@Injectable()
export class ReplayWebhookDeliveryUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ReplayWebhookDeliveryCommand): Promise<WebhookDelivery> {
    const { deliveryId } = validateCommand(ReplayWebhookDeliveryCommand, input);
    return this.uow.run(async (tx) => {
      const repo = tx.get(WEBHOOK_DELIVERIES);
      const d = await repo.find(deliveryId);
      if (!d) throw new WebhookDeliveryNotFound(`webhook delivery ${deliveryId} not found`);
      if (!(await repo.replay(d.id, this.clock.now())))
        throw new WebhookDeliveryInFlight(`webhook delivery ${deliveryId} is ${d.status}: it is being tried already`);
      tx.enqueue('webhook-deliver', { deliveryId: d.id, attempt: 0 });
      return (await repo.find(d.id))!;
    });
  }
}
