import { Injectable, Module, OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { RetrainModelUseCase } from '@hub/classification';
import { UnitOfWorkModule } from '@hub/database';
import { IntakeModule } from '@hub/intake';
import { KnowledgeModule } from '@hub/knowledge';
import { JobHandlerRegistry } from '@hub/queue';
import { RemindersModule } from '@hub/reminders';
import { TicketUseCasesModule } from '@hub/tickets';
import { WorkerNotifyModule } from '../worker-notify.module';
import { DeadlineSweepJob } from './deadline-sweep.job';
import { DigestSendJob } from './digest-send.job';
import { ExportImportJob } from './export-import.job';
import { ExportScanJob } from './export-scan.job';
import { IntakeReparseJob } from './intake-reparse.job';
import { KnowledgeSweepJob } from './knowledge-sweep.job';
import { MailSendJob } from './mail-send.job';
import { MailSendManyJob } from './mail-send-many.job';
import { MailboxHealthJob } from './mailbox-health.job';
import { MailboxPollJob } from './mailbox-poll.job';
import { ModelRetrainJob } from './model-retrain.job';
import { OutboxSweepJob } from './outbox-sweep.job';
import { SearchSweepJob } from './search-sweep.job';
import { SendSmsJob } from './send-sms.job';
import { SmsSweepJob } from './sms-sweep.job';
import { StatsRefreshJob } from './stats-refresh.job';
import { TicketClassifyJob } from './ticket-classify.job';
import { TicketSearchIndexJob } from './ticket-search-index.job';
import { TriageSweepJob } from './triage-sweep.job';
import { UploadSweepJob } from './upload-sweep.job';
import { UpstreamPullJob } from './upstream-pull.job';
import { WebhookDeliverJob } from './webhook-deliver.job';
import { WebhookSweepJob } from './webhook-sweep.job';
import type { WorkerJob } from './worker-job';

/** Every job the worker handles, one class each (a new job: its file here and its line in this list). */
export const WORKER_JOBS: Array<Type<WorkerJob>> = [
  MailboxPollJob,
  MailboxHealthJob,
  IntakeReparseJob,
  ExportScanJob,
  ExportImportJob,
  UploadSweepJob,
  TicketClassifyJob,
  TriageSweepJob,
  TicketSearchIndexJob,
  SearchSweepJob,
  ModelRetrainJob,
  DeadlineSweepJob,
  DigestSendJob,
  MailSendJob,
  MailSendManyJob,
  OutboxSweepJob,
  StatsRefreshJob,
  SendSmsJob,
  SmsSweepJob,
  WebhookDeliverJob,
  WebhookSweepJob,
  KnowledgeSweepJob,
  UpstreamPullJob,
];

/** Registers each job class under its job name (the registry refuses a name twice, or one libs/queue does not declare). */
@Injectable()
class JobRegistrar implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    for (const type of WORKER_JOBS) {
      const job = this.moduleRef.get(type, { strict: true });
      this.registry.register(job.name, (payload, ctx) => job.handle(payload, ctx));
    }
  }
}

/** The worker's job handlers over the use cases they call. */
@Module({
  imports: [UnitOfWorkModule, IntakeModule, KnowledgeModule, RemindersModule, TicketUseCasesModule, WorkerNotifyModule],
  providers: [...WORKER_JOBS, RetrainModelUseCase, JobRegistrar],
})
export class JobsModule {}
