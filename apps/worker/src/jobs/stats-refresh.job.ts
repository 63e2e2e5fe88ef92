import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@hub/database';
import type { JobPayloads } from '@hub/queue';
import { rebuildDailyStats, refreshDailyStats } from '@hub/reporting';
import type { WorkerJob } from './worker-job';

/** Keeps the per-day statistics current (the days that changed), or rebuilds them all (nightly). */
@Injectable()
export class StatsRefreshJob implements WorkerJob<'stats-refresh'> {
  readonly name = 'stats-refresh' as const;
  constructor(private readonly uow: UnitOfWork) {}

  async handle({ full }: JobPayloads['stats-refresh']) {
    await (full ? rebuildDailyStats(this.uow) : refreshDailyStats(this.uow));
    return { full: Boolean(full) };
  }
}
