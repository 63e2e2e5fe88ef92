import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule, HUB_CONFIG, HubConfig, HubConfigModule } from '@hub/config';
import { DatabaseModule, UnitOfWorkModule } from '@hub/database';
import { QueueModule, recurringJobs } from '@hub/queue';
import { JobsModule } from './jobs/jobs.module';
import { ListenersModule } from './listeners/listeners.module';
import { ScheduleRegistry, WorkerRunner } from './worker-runner.service';

/** The worker process: BullMQ processors and job schedulers, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config?: HubConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        HubConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: process.env.LOG_LEVEL || 'info' } }),
        ClockModule,
        DatabaseModule,
        QueueModule,
        UnitOfWorkModule,
        JobsModule,
        ListenersModule,
      ],
      providers: [{ provide: ScheduleRegistry, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => new ScheduleRegistry(recurringJobs(c)) }, WorkerRunner],
    };
  }
}
