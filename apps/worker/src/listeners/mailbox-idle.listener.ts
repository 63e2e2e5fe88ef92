import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { ImapflowConnector, MailboxIdleWatchers } from '@hub/intake';
import { JOB_PRODUCER, type JobProducer } from '@hub/queue';

/** IMAP IDLE on every configured mailbox: a poll is queued the moment mail arrives (the scheduled polls cover a lost IDLE). */
@Injectable()
export class MailboxIdleListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('mailbox');
  private watchers: MailboxIdleWatchers | null = null;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.watchers = new MailboxIdleWatchers(new ImapflowConnector(this.config.env.configDir), (mailbox) => this.jobs.add('mailbox-poll', { mailbox }), {
      log: (m) => this.log.warn(m),
    });
    const watching = this.watchers.start(this.config.mailboxes.mailboxes);
    if (watching.length) this.log.log(`IMAP IDLE on ${watching.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watchers?.stop();
  }
}
