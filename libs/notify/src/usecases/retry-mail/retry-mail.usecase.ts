import { Inject, Injectable } from '@nestjs/common';
import { MAIL_RETRY, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { RetryMailCommand } from './retry-mail.command';

/**
 * An administrator sends an outbox mail again: a failed (or still pending) one is made pending
 * with its attempts reset, and a send is queued. The send is queued directly, not after commit
 * through the unit of work: the administrator asked for it now and hears when the queue is down.
 */
@Injectable()
export class RetryMailUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: RetryMailCommand): Promise<{ queued: true }> {
    const { mailId } = validateCommand(RetryMailCommand, input);
    await this.uow.run(async (tx) => {
      const mails = tx.get(MAIL_RETRY);
      const status = await mails.statusOf(mailId);
      if (status === null) throw new UseCaseError('NOT_FOUND', `mail ${mailId} not found`);
      // A mail being sent right now is left to its sender: making it pending would let a second one send it too.
      if (status === 'failed' || status === 'pending') await mails.makePending(mailId, this.clock.now());
    });
    await this.jobs.add('mail-send', { outboxId: mailId });
    return { queued: true };
  }
}
