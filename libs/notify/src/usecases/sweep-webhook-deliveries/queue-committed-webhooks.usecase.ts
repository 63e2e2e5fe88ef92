import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork, WEBHOOK_DELIVERIES } from '@hub/database';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';

/** Right after a transaction that recorded ticket events commits: queue their deliveries (the sweep is the safety net). */
@Injectable()
export class QueueCommittedWebhooksUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  async execute(input: { eventIds: number[] }): Promise<number> {
    const deliveries = await this.uow.read(WEBHOOK_DELIVERIES).findByEvents(input.eventIds);
    if (deliveries.length)
      await this.jobs.addMany(
        'webhook-deliver',
        deliveries.map((d) => ({ deliveryId: d.id, attempt: d.attempts })),
      );
    return deliveries.length;
  }
}
