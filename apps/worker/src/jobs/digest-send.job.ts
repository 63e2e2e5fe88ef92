import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@hub/domain';
import type { JobPayloads } from '@hub/queue';
import { ScheduleNextDigestUseCase, SendOverdueDigestUseCase } from '@hub/reminders';
import type { WorkerJob } from './worker-job';

/** Sends one day's overdue digest, then queues the next one (a delayed job per day, not a repeat schedule: digest days follow the calendar). */
@Injectable()
export class DigestSendJob implements WorkerJob<'digest-send'> {
  readonly name = 'digest-send' as const;
  constructor(
    private readonly sendOverdueDigest: SendOverdueDigestUseCase,
    private readonly scheduleNextDigest: ScheduleNextDigestUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ day }: JobPayloads['digest-send']) {
    const r = await this.sendOverdueDigest.execute({ day });
    // A minute on: the next digest, not this one again.
    await this.scheduleNextDigest.execute({ after: new Date(this.clock.now().getTime() + 60_000) });
    return r;
  }
}
