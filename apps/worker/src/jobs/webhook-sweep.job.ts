import { Injectable } from '@nestjs/common';
import { SweepWebhookDeliveriesUseCase } from '@hub/notify';
import type { WorkerJob } from './worker-job';

/** Reconciliation: webhook deliveries due whose job Redis lost are queued again. */
@Injectable()
export class WebhookSweepJob implements WorkerJob<'webhook-sweep'> {
  readonly name = 'webhook-sweep' as const;
  constructor(private readonly sweepWebhookDeliveries: SweepWebhookDeliveriesUseCase) {}

  async handle() {
    return this.sweepWebhookDeliveries.execute();
  }
}
