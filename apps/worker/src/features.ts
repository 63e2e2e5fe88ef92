import type { Type } from '@nestjs/common';
import { DeadlinesWorkerModule } from './deadlines/deadlines.module';
import { ExportsWorkerModule } from './exports/exports.module';
import { IntakeWorkerModule } from './intake/intake-worker.module';
import { KnowledgeWorkerModule } from './knowledge/knowledge.module';
import { MailWorkerModule } from './mail/mail.module';
import { MessagingWorkerModule } from './messaging/messaging.module';
import { ReportingWorkerModule } from './reporting/reporting.module';
import { RoutingWorkerModule } from './routing/routing.module';

/** Feature modules whose job handlers the worker hosts. */
export const WORKER_FEATURE_MODULES: Type<unknown>[] = [
  RoutingWorkerModule,
  MailWorkerModule,
  ExportsWorkerModule,
  DeadlinesWorkerModule,
  IntakeWorkerModule,
  ReportingWorkerModule,
  MessagingWorkerModule,
  KnowledgeWorkerModule,
];
