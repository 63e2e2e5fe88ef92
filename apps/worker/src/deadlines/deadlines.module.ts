import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { OutgoingMailEntity, ReminderEntity } from '@hub/database';
import { DeadlinePolicies, loadDeadlinePolicies, nextDigestAt } from '@hub/deadlines';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
// The sweep is the DB-facing part of libs/deadlines, kept out of its pure public surface.
import { DeadlineSweep } from '../../../../libs/deadlines/src/sweep';
import { ScheduleRegistry } from '../worker-runner.service';

/**
 * How often the database is swept for due reminders. The schedule lives in the database (an
 * indexed next-due time per deadline), so an idle pass is one index range read; sweeping this
 * often bounds the lag from a reminder's time to its mail by about this interval.
 */
export const DEADLINE_SWEEP_EVERY_MS = 3000;

@Injectable()
class DeadlineJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('deadlines');
  private readonly policies: DeadlinePolicies;
  private readonly sweep: DeadlineSweep;

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.policies = loadDeadlinePolicies(config);
    this.sweep = new DeadlineSweep(ds, config, this.policies, clock, jobs);
  }

  onModuleInit(): void {
    this.registry.register('deadline-sweep', async ({ now }) => {
      const r = await this.sweep.run(now ? new Date(now) : this.clock.now());
      if (r.sent || r.digest) this.log.log(`sweep: ${r.sent} reminder(s) ${JSON.stringify(r.byLevel)}${r.digest ? `; digest ${r.digest.day}: ${r.digest.mails} mail(s)` : ''} in ${r.ms} ms`);
      return { examined: r.examined, sent: r.sent, byLevel: r.byLevel, ms: r.ms };
    });
    // Re-queues the mail of one decided reminder (its row and outbox mail are already in the database).
    this.registry.register('reminder-send', async ({ reminderId }) => {
      const r = await this.ds.getRepository(ReminderEntity).findOneBy({ id: reminderId });
      if (!r?.outboxId) return { reminder: r ? r.status : 'missing' };
      const mail = await this.ds.getRepository(OutgoingMailEntity).findOne({ where: { id: r.outboxId }, select: ['id', 'status'] });
      if (mail?.status === 'pending') await this.jobs.add('mail-send', { outboxId: mail.id });
      return { reminder: r.status, mail: mail?.status ?? 'missing' };
    });
    this.registry.register('digest-send', async ({ day }) => {
      const r = await this.sweep.digests.send(day);
      await this.scheduleDigest(new Date(this.clock.now().getTime() + 60_000));
      return r;
    });
    this.schedules.add({ schedulerId: 'sched-deadline-sweep', name: 'deadline-sweep', payload: {}, everyMs: DEADLINE_SWEEP_EVERY_MS });
  }

  /** The next digest as one delayed job (its id is per day, so every worker adding it makes one); the sweep sends it too if Redis lost it. */
  private async scheduleDigest(after: Date): Promise<void> {
    const next = nextDigestAt(after, this.policies.reminders, this.policies.calendar);
    await this.jobs.add('digest-send', { day: next.day }, { delayMs: Math.max(0, next.at.getTime() - this.clock.now().getTime()) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduleDigest(this.clock.now()).catch((e: Error) => this.log.warn(`scheduling the daily digest: ${e.message}`));
  }
}

/** Reminders, escalations (督办) and the daily overdue digest. */
@Module({ providers: [DeadlineJobs] })
export class DeadlinesWorkerModule {}
