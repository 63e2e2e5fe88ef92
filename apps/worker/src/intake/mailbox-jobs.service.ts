import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
import { CheckMailboxHealthUseCase, ImapflowConnector, MailboxIdleWatchers, mailboxNames, PollMailboxUseCase, ReparseLetterUseCase } from '@hub/intake';
import { ScheduleRegistry } from '../worker-runner.service';

/** How often the silence check runs (alerts for mailboxes quiet longer than silentAlertHours). */
const HEALTH_EVERY_MS = 15 * 60_000;

/**
 * The worker side of the mailboxes: a recurring poll per mailbox (stable scheduler id), the
 * health pass, re-runs of quarantined letters, and IMAP IDLE listeners that queue a poll the
 * moment mail arrives. Overlapping polls of one mailbox are prevented by the mailbox lock.
 */
@Injectable()
export class MailboxJobs implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('mailbox');
  private watchers: MailboxIdleWatchers | null = null;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly pollMailbox: PollMailboxUseCase,
    private readonly checkMailboxHealth: CheckMailboxHealthUseCase,
    private readonly reparseLetter: ReparseLetterUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('mailbox-poll', async ({ mailbox }) => {
      // A scheduler left over from a mailbox removed from the config: nothing to do.
      if (!mailboxNames(this.config).includes(mailbox)) return { skipped: 'not configured' };
      return this.pollMailbox.execute({ mailbox });
    });
    this.registry.register('mailbox-health', async () => this.checkMailboxHealth.execute());
    this.registry.register('intake-reparse', async ({ intakeItemId }) => this.reparseLetter.execute({ intakeItemId }));

    for (const mb of this.config.mailboxes.mailboxes) {
      this.schedules.add({
        schedulerId: `sched-poll-${mb.name.replace(/:/g, '_')}`,
        name: 'mailbox-poll',
        payload: { mailbox: mb.name },
        everyMs: mb.pollIntervalSeconds * 1000,
      });
    }
    if (this.config.mailboxes.mailboxes.length) {
      this.schedules.add({ schedulerId: 'sched-mailbox-health', name: 'mailbox-health', payload: {}, everyMs: HEALTH_EVERY_MS });
    }
  }

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
