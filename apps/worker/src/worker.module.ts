import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule, HubConfig, HubConfigModule } from '@hub/config';
import { DatabaseModule, UnitOfWorkModule } from '@hub/database';
import { QueueModule } from '@hub/queue';
import { ScheduleRegistry, WorkerRunner } from './worker-runner.service';
import { WORKER_FEATURE_MODULES } from './features';

@Global()
@Module({ providers: [ScheduleRegistry], exports: [ScheduleRegistry] })
export class ScheduleModule {}

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
        ScheduleModule,
        ...WORKER_FEATURE_MODULES,
      ],
      providers: [WorkerRunner],
    };
  }
}
