import type { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { TypeOrmUnitOfWork } from '@hub/database';
import type { JobProducer } from '@hub/queue';
// The mailbox use cases' own file, not the intake index: `hub mailbox poll` runs from cron and
// starts without loading the export readers, the web intake and the upstream pulls.
import { mailboxUseCases, type MailboxSyncOptions, type MailboxUseCases } from '../../../../libs/intake/src/mailbox-use-cases';

/** `--no-queue`: nothing queued; the worker's triage sweep finds the new tickets. */
const NO_QUEUE: JobProducer = { add: async () => undefined, addMany: async () => undefined };

/** A job Redis does not take is not worth a line at the terminal, nor a retry: the worker's sweeps queue it again. */
export function cliUnitOfWork(ds: DataSource, jobs: JobProducer | null): TypeOrmUnitOfWork {
  return new TypeOrmUnitOfWork(ds, jobs ?? NO_QUEUE, () => undefined, 0);
}

/** The mailbox use cases for one command. */
export function cliMailbox(ds: DataSource, cfg: HubConfig, jobs: JobProducer | null, mailbox: MailboxSyncOptions = {}): MailboxUseCases {
  return mailboxUseCases(cliUnitOfWork(ds, jobs), cfg, { mailbox });
}
