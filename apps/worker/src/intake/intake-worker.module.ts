import { Module } from '@nestjs/common';
import { IntakeModule } from '@hub/intake';
import { MailboxJobs } from './mailbox-jobs.service';

/** Intake jobs hosted by the worker: mailbox polls, mailbox health, re-runs of quarantined letters. */
@Module({ imports: [IntakeModule], providers: [MailboxJobs] })
export class IntakeWorkerModule {}
