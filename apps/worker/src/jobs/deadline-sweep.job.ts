import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@hub/domain';
import type { JobPayloads } from '@hub/queue';
import { SweepDeadlinesUseCase } from '@hub/reminders';
import type { WorkerJob } from './worker-job';

/** One pass over the deadlines due for a reminder (and today's digest if its job was lost). */
@Injectable()
export class DeadlineSweepJob implements WorkerJob<'deadline-sweep'> {
  readonly name = 'deadline-sweep' as const;
  private readonly log = new Logger('deadlines');
  constructor(
    private readonly sweepDeadlines: SweepDeadlinesUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ now }: JobPayloads['deadline-sweep']) {
    const r = await this.sweepDeadlines.execute({ now: now ? new Date(now) : this.clock.now() });
    if (r.sent || r.digest)
      this.log.log(
        `sweep: ${r.sent} reminder(s) ${JSON.stringify(r.byLevel)}${r.digest ? `; digest ${r.digest.day}: ${r.digest.mails} mail(s)` : ''} in ${r.ms} ms`,
      );
    return { examined: r.examined, sent: r.sent, byLevel: r.byLevel, ms: r.ms };
  }
}
