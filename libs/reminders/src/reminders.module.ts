import { Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWorkModule } from '@hub/database';
import { DEADLINE_POLICIES, loadDeadlinePolicies } from '@hub/deadlines';
import { SendOverdueDigestUseCase } from './usecases/send-overdue-digest/send-overdue-digest.usecase';
import { SweepDeadlinesUseCase } from './usecases/sweep-deadlines/sweep-deadlines.usecase';

/** The reminder sweep and the daily digest, over the process's configuration, database and queue. */
@Module({
  imports: [UnitOfWorkModule],
  providers: [
    { provide: DEADLINE_POLICIES, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => loadDeadlinePolicies(c) },
    SendOverdueDigestUseCase,
    SweepDeadlinesUseCase,
  ],
  exports: [DEADLINE_POLICIES, SendOverdueDigestUseCase, SweepDeadlinesUseCase],
})
export class RemindersModule {}
