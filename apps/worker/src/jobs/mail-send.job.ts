import { Injectable } from '@nestjs/common';
import { SendOutboxMailUseCase } from '@hub/notify';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Sends one outbox mail. */
@Injectable()
export class MailSendJob implements WorkerJob<'mail-send'> {
  readonly name = 'mail-send' as const;
  constructor(private readonly sendOutboxMail: SendOutboxMailUseCase) {}

  async handle({ outboxId }: JobPayloads['mail-send']) {
    return this.sendOutboxMail.execute({ outboxId });
  }
}
