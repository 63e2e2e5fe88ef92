import type { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { type IntakeUseCases, intakeUseCases, type MailboxSyncOptions } from '@hub/intake';
import type { JobProducer } from '@hub/queue';
import { cliUnitOfWork } from './mailbox-wiring';

export { cliUnitOfWork };

/** The intake use cases for one command. */
export function cliIntake(ds: DataSource, cfg: HubConfig, jobs: JobProducer | null, mailbox: MailboxSyncOptions = {}): IntakeUseCases {
  return intakeUseCases(cliUnitOfWork(ds, jobs), cfg, { mailbox });
}
