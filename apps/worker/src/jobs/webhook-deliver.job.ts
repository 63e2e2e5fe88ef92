import { Injectable } from '@nestjs/common';
import { DeliverWebhookUseCase } from '@hub/notify';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Delivers one webhook delivery (a failed try queues its retry as a new, delayed job). */
@Injectable()
export class WebhookDeliverJob implements WorkerJob<'webhook-deliver'> {
  readonly name = 'webhook-deliver' as const;
  constructor(private readonly deliverWebhook: DeliverWebhookUseCase) {}

  async handle({ deliveryId, attempt }: JobPayloads['webhook-deliver']) {
    return this.deliverWebhook.execute({ deliveryId, attempt });
  }
}
