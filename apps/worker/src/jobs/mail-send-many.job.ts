import { Injectable } from '@nestjs/common';
import { SendOutboxMailsUseCase } from '@hub/notify';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Sends the outbox mails of one batch (a reminder sweep's). */
@Injectable()
export class MailSendManyJob implements WorkerJob<'mail-send-many'> {
  readonly name = 'mail-send-many' as const;
  constructor(private readonly sendOutboxMails: SendOutboxMailsUseCase) {}

  async handle({ outboxIds }: JobPayloads['mail-send-many']) {
    return this.sendOutboxMails.execute({ outboxIds });
  }
}
