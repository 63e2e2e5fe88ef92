import { Module } from '@nestjs/common';
import { MailboxJobs } from './mailbox-jobs.service';

/** Intake jobs hosted by the worker: mailbox polls, mailbox health, re-runs of quarantined letters. */
@Module({ providers: [MailboxJobs] })
export class IntakeWorkerModule {}
