import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { mailboxNames, PollMailboxUseCase } from '@hub/intake';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Polls one mailbox once (scheduled per mailbox; IMAP IDLE queues one as mail arrives). Overlapping polls are prevented by the mailbox lock. */
@Injectable()
export class MailboxPollJob implements WorkerJob<'mailbox-poll'> {
  readonly name = 'mailbox-poll' as const;
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly pollMailbox: PollMailboxUseCase,
  ) {}

  async handle({ mailbox }: JobPayloads['mailbox-poll']) {
    // A scheduler left over from a mailbox removed from the config: nothing to do.
    if (!mailboxNames(this.config).includes(mailbox)) return { skipped: 'not configured' };
    return this.pollMailbox.execute({ mailbox });
  }
}
