import type { Type } from '@nestjs/common';
import { ExportsWorkerModule } from './exports/exports.module';
import { MailWorkerModule } from './mail/mail.module';
import { RoutingWorkerModule } from './routing/routing.module';

/** Feature modules whose job handlers the worker hosts. */
export const WORKER_FEATURE_MODULES: Type<unknown>[] = [RoutingWorkerModule, MailWorkerModule, ExportsWorkerModule];
