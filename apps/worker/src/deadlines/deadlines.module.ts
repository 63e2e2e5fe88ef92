import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DEADLINE_POLICIES, DeadlinePolicies, nextDigestAt } from '@hub/deadlines';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
import { RemindersModule, SendOverdueDigestUseCase, SweepDeadlinesUseCase } from '@hub/reminders';
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

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly sweep: SweepDeadlinesUseCase,
    private readonly digests: SendOverdueDigestUseCase,
    @Inject(DEADLINE_POLICIES) private readonly policies: DeadlinePolicies,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register('deadline-sweep', async ({ now }) => {
      const r = await this.sweep.execute({ now: now ? new Date(now) : this.clock.now() });
      if (r.sent || r.digest)
        this.log.log(
          `sweep: ${r.sent} reminder(s) ${JSON.stringify(r.byLevel)}${r.digest ? `; digest ${r.digest.day}: ${r.digest.mails} mail(s)` : ''} in ${r.ms} ms`,
        );
      return { examined: r.examined, sent: r.sent, byLevel: r.byLevel, ms: r.ms };
    });
    this.registry.register('digest-send', async ({ day }) => {
      const r = await this.digests.execute({ day });
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
@Module({ imports: [RemindersModule], providers: [DeadlineJobs] })
export class DeadlinesWorkerModule {}
