import { Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWorkModule } from '@hub/database';
import { CityDeadlinePolicies, DEADLINE_POLICIES, loadCityDeadlinePolicies } from '@hub/deadlines';
import { SendOverdueDigestUseCase } from './usecases/send-overdue-digest/send-overdue-digest.usecase';
import { SweepDeadlinesUseCase } from './usecases/sweep-deadlines/sweep-deadlines.usecase';
import { ScheduleNextDigestUseCase } from './usecases/schedule-next-digest/schedule-next-digest.usecase';

/** The reminder sweep, the daily digest and its scheduling, over the process's configuration, database and queue. */
@Module({
  imports: [UnitOfWorkModule],
  providers: [
    { provide: CityDeadlinePolicies, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => loadCityDeadlinePolicies(c) },
    // The digest's days and times are the installation's: the city policies' base.
    { provide: DEADLINE_POLICIES, inject: [CityDeadlinePolicies], useFactory: (p: CityDeadlinePolicies) => p.base },
    SendOverdueDigestUseCase,
    SweepDeadlinesUseCase,
    ScheduleNextDigestUseCase,
  ],
  exports: [DEADLINE_POLICIES, CityDeadlinePolicies, SendOverdueDigestUseCase, SweepDeadlinesUseCase, ScheduleNextDigestUseCase],
})
export class RemindersModule {}
