import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ScheduleNextDigestUseCase } from '@hub/reminders';

/** At start, the next daily digest is queued (each digest-send job then queues the one after). */
@Injectable()
export class DailyDigestListener implements OnApplicationBootstrap {
  private readonly log = new Logger('deadlines');
  constructor(private readonly scheduleNextDigest: ScheduleNextDigestUseCase) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduleNextDigest.execute().catch((e: Error) => this.log.warn(`scheduling the daily digest: ${e.message}`));
  }
}
