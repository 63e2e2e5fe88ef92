import { Inject, Injectable } from '@nestjs/common';
import { validateCommand } from '@hub/database';
import { DEADLINE_POLICIES, type DeadlinePolicies, nextDigestAt } from '@hub/deadlines';
import { CLOCK, type Clock } from '@hub/domain';
import { JOB_PRODUCER, type JobProducer } from '@hub/queue';
import { ScheduleNextDigestCommand } from './schedule-next-digest.command';

/**
 * Queues the next daily digest as one delayed `digest-send` job. Its id is per day, so every worker
 * asking makes one; if Redis loses it, the deadline sweep sends the day's digest anyway.
 */
@Injectable()
export class ScheduleNextDigestUseCase {
  constructor(
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(DEADLINE_POLICIES) private readonly policies: DeadlinePolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ScheduleNextDigestCommand = {}): Promise<{ day: string; at: Date }> {
    const { after } = validateCommand(ScheduleNextDigestCommand, input);
    const now = this.clock.now();
    const next = nextDigestAt(after ?? now, this.policies.reminders, this.policies.calendar);
    await this.jobs.add('digest-send', { day: next.day }, { delayMs: Math.max(0, next.at.getTime() - now.getTime()) });
    return next;
  }
}
