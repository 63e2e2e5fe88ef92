import type { DataSource, EntityManager } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { type NewTicket, TypeOrmIntakeTicketRepository, TypeOrmUnitOfWork } from '@hub/database';
import type { Actor, Clock } from '@hub/domain';
import { type HotlineImportProgress, type ImapConnector, intakeUseCases, type MailboxSyncOptions } from '@hub/intake';
import { type JobProducer, RecordingJobProducer } from '@hub/queue';
import { SYSTEM_ACTOR } from '@hub/tickets';

const unitOfWork = (ds: DataSource, jobs: JobProducer | null) => new TypeOrmUnitOfWork(ds, jobs ?? new RecordingJobProducer(), () => undefined);

/** The mailbox use cases as the intake tests drive them: a poll, a re-run, the health pass. */
export function mailboxSync(ds: DataSource, config: HubConfig, jobs: JobProducer | null, imap?: ImapConnector, clock?: Clock, opts: MailboxSyncOptions = {}) {
  const intake = intakeUseCases(unitOfWork(ds, jobs), config, { imap, clock, mailbox: opts });
  return {
    poll: (mailbox: string, o: { force?: boolean } = {}) => intake.pollMailbox.execute({ mailbox, ...o }),
    reparse: (intakeItemId: number) => intake.reparseLetter.execute({ intakeItemId }),
    checkHealth: () => intake.checkMailboxHealth.execute(),
  };
}

/** `hub import hotline` without the command line. */
export function importHotlineFile(
  ds: DataSource,
  config: HubConfig,
  jobs: JobProducer | null,
  file: string,
  source: string,
  opts: { onProgress?: (p: HotlineImportProgress) => void; originalName?: string } = {},
) {
  return intakeUseCases(unitOfWork(ds, jobs), config).importHotlineFile.execute({ file, source, ...opts });
}

/** One ticket in state `received` with its requester and first event, inside the caller's transaction (test set-up). */
export function createTicket(m: EntityManager, input: Omit<NewTicket, 'recordedBy'>, actor: Actor = SYSTEM_ACTOR) {
  return new TypeOrmIntakeTicketRepository(m).insertOne({ ...input, recordedBy: actor });
}
