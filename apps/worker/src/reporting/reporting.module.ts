import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { UnitOfWork } from '@hub/database';
import { JobHandlerRegistry } from '@hub/queue';
import { rebuildDailyStats, refreshDailyStats } from '@hub/reporting';
import { ScheduleRegistry } from '../worker-runner.service';

/** The per-day statistics behind the dashboard and the work summary: refreshed often, rebuilt nightly. */
@Injectable()
class ReportingJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.registry.register('stats-refresh', async ({ full }) => {
      if (full) await rebuildDailyStats(this.uow);
      else await refreshDailyStats(this.uow);
      return { full: Boolean(full) };
    });
    this.schedules.add({ schedulerId: 'sched-stats-refresh', name: 'stats-refresh', payload: {}, everyMs: 60_000 });
    this.schedules.add({ schedulerId: 'sched-stats-rebuild', name: 'stats-refresh', payload: { full: true }, everyMs: 24 * 3600_000 });
  }
}

@Module({ providers: [ReportingJobs] })
export class ReportingWorkerModule {}
