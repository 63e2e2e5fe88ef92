import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork, WEBHOOK_DELIVERIES } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';

/**
 * Reconciliation: deliveries that are due and may have no job (Redis lost it, the process that
 * recorded the event had no queue, a sender died mid-POST) are queued again. Their job ids name
 * the try, so a delivery whose delayed retry is still in Redis is not queued twice.
 */
@Injectable()
export class SweepWebhookDeliveriesUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  async execute(input: { limit?: number } = {}): Promise<{ requeued: number }> {
    const due = await this.uow.read(WEBHOOK_DELIVERIES).listDue(this.clock.now(), input.limit ?? 1000);
    if (due.length)
      await this.jobs.addMany(
        'webhook-deliver',
        due.map((d) => ({ deliveryId: d.id, attempt: d.attempts })),
      );
    return { requeued: due.length };
  }
}
