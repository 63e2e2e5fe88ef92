import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule, HubConfig, HubConfigModule } from '@hub/config';
import { DatabaseModule, UnitOfWorkModule } from '@hub/database';
import { QueueModule } from '@hub/queue';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { HubMetrics } from './health/hub-metrics';
import { API_FEATURE_MODULES } from './features';
import { REQUEST_LOG_REDACT, requestLogSerializer } from './request-log';

/** The HTTP process: REST API, console files, health. It produces jobs; it runs none. */
@Module({})
export class ApiModule {
  static forRoot(config?: HubConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        HubConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: process.env.LOG_LEVEL || 'info',
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            redact: REQUEST_LOG_REDACT,
            serializers: { req: requestLogSerializer },
          },
        }),
        ClockModule,
        DatabaseModule,
        QueueModule,
        UnitOfWorkModule,
        ...API_FEATURE_MODULES,
      ],
      controllers: [HealthController, MetricsController],
      providers: [HubMetrics],
    };
  }
}
