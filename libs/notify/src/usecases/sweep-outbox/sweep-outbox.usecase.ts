import { Inject, Injectable } from '@nestjs/common';
import { OUTBOX_DELIVERY, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { SweepOutboxCommand } from './sweep-outbox.command';

/**
 * The outbox's reconciliation pass: mails still pending whose send job Redis lost (flushed,
 * restarted, unreachable at commit), or whose sender died mid-send and whose claim has run out,
 * are queued again. Sending stays once: the sender claims the row before it sends.
 */
@Injectable()
export class SweepOutboxUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: SweepOutboxCommand = {}): Promise<{ requeued: number }> {
    const command = validateCommand(SweepOutboxCommand, input);
    const ids = await this.uow.read(OUTBOX_DELIVERY).listDue(command.now ?? this.clock.now(), command.limit ?? 500);
    for (const outboxId of ids) await this.jobs.add('mail-send', { outboxId });
    return { requeued: ids.length };
  }
}
