import type { Type } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { DeskModule } from './desk/desk.module';
import { DirectoryModule } from './directory/directory.module';
import { IntakeApiModule } from './intake/intake-api.module';
import { Open311Module } from './open311/open311.module';
import { PublicModule } from './public/public.module';
import { StatsModule } from './stats/stats.module';
import { LeaderModule } from './leader/leader.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TicketsModule } from './tickets/tickets.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ZeroReportsModule } from './zero-reports/zero-reports.module';

/** Feature modules the API serves (tickets, intake, stats, auth...). */
export const API_FEATURE_MODULES: Type<unknown>[] = [
  AuthModule,
  TicketsModule,
  IntakeApiModule,
  AdminModule,
  DirectoryModule,
  StatsModule,
  WebhooksModule,
  SupervisionModule,
  ZeroReportsModule,
  LeaderModule,
  PublicModule,
  Open311Module,
  DeskModule,
];
