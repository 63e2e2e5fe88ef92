import { Injectable } from '@nestjs/common';
import { CheckMailboxHealthUseCase } from '@hub/intake';
import type { WorkerJob } from './worker-job';

/** Alerts about mailboxes that fail to log in or have been silent too long. */
@Injectable()
export class MailboxHealthJob implements WorkerJob<'mailbox-health'> {
  readonly name = 'mailbox-health' as const;
  constructor(private readonly checkMailboxHealth: CheckMailboxHealthUseCase) {}

  async handle() {
    return this.checkMailboxHealth.execute();
  }
}
