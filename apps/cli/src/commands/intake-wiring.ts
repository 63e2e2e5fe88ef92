import type { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { TypeOrmUnitOfWork } from '@hub/database';
import { type IntakeUseCases, intakeUseCases, type MailboxSyncOptions } from '@hub/intake';
import type { JobProducer } from '@hub/queue';

/** `--no-queue`: nothing queued; the worker's triage sweep finds the new tickets. */
const NO_QUEUE: JobProducer = { add: async () => undefined, addMany: async () => undefined };

/** A job Redis does not take is not worth a line at the terminal, nor a retry: the worker's sweeps queue it again. */
export function cliUnitOfWork(ds: DataSource, jobs: JobProducer | null): TypeOrmUnitOfWork {
  return new TypeOrmUnitOfWork(ds, jobs ?? NO_QUEUE, () => undefined, 0);
}

/** The intake use cases for one command. */
export function cliIntake(ds: DataSource, cfg: HubConfig, jobs: JobProducer | null, mailbox: MailboxSyncOptions = {}): IntakeUseCases {
  return intakeUseCases(cliUnitOfWork(ds, jobs), cfg, { mailbox });
}
