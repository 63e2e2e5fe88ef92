import { Injectable } from '@nestjs/common';
import { validateCommand } from '@hub/database';
import { SendOutboxMailUseCase, type SendOutcome } from '../send-outbox-mail/send-outbox-mail.usecase';
import { SendOutboxMailsCommand } from './send-outbox-mails.command';

/** Mails of one job sent side by side: SMTP round trips overlap, as with that many single jobs. */
const AT_ONCE = 4;

export class SomeMailsFailedError extends Error {
  constructor(
    readonly failed: number,
    readonly of: number,
    first: Error,
  ) {
    super(`${failed} of ${of} mails not sent (${first.message}); the job's retry sends only those`);
  }
}

/**
 * Sends the outbox mails one job names (a sweep queues its reminders a batch to a job: one Redis
 * job a mail cost the sweep more than its database work). Each mail is sent as the single-mail
 * use case sends it (claimed, sent once, its failure recorded on its row); when some fail the job
 * fails after the others are sent, and its retry finds the sent ones already sent.
 */
@Injectable()
export class SendOutboxMailsUseCase {
  constructor(private readonly sendOne: SendOutboxMailUseCase) {}

  async execute(input: SendOutboxMailsCommand): Promise<Record<SendOutcome, number>> {
    const { outboxIds } = validateCommand(SendOutboxMailsCommand, input);
    const counts: Record<SendOutcome, number> = { sent: 0, 'already-sent': 0, 'in-progress': 0, missing: 0 };
    const failures: Error[] = [];
    let next = 0;
    const lane = async () => {
      while (next < outboxIds.length) {
        const outboxId = outboxIds[next++];
        try {
          counts[await this.sendOne.execute({ outboxId })]++;
        } catch (e) {
          failures.push(e as Error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, outboxIds.length) }, lane));
    if (failures.length) throw new SomeMailsFailedError(failures.length, outboxIds.length, failures[0]);
    return counts;
  }
}
