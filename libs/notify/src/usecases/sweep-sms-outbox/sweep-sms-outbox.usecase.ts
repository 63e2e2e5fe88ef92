import { Inject, Injectable } from '@nestjs/common';
import { SMS_OUTBOX, UnitOfWork } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';

/**
 * Reconciliation: SMS that are due and have no job (Redis lost it, quiet hours ended, a sender
 * died mid-send and its claim ran out) are queued again. Sending is idempotent, so a row that
 * still has its job is harmless to queue twice (same job id).
 */
@Injectable()
export class SweepSmsOutboxUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  async execute(input: { limit?: number } = {}): Promise<{ requeued: number }> {
    const ids = await this.uow.read(SMS_OUTBOX).listDue(this.clock.now(), input.limit ?? 500);
    if (ids.length)
      await this.jobs.addMany(
        'send-sms',
        ids.map((smsId) => ({ smsId })),
      );
    return { requeued: ids.length };
  }
}
