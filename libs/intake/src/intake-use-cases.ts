import type { HubConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { type Clock, systemClock } from '@hub/domain';
import {
  DatabaseMailboxLock,
  type ImapConnector,
  ImapflowConnector,
  LetterPreparer,
  LetterRecorder,
  MailboxHealth,
  MailboxSync,
  type MailboxSyncOptions,
} from './mailbox';
import {
  CheckMailboxHealthUseCase,
  ImportHotlineFileUseCase,
  PollMailboxUseCase,
  FileOpen311RequestUseCase,
  ReceiveWebIntakeUseCase,
  RecordIntakeUseCase,
  ReparseLetterUseCase,
} from './usecases';

export interface IntakeWiring {
  clock?: Clock;
  /** Default: imapflow. */
  imap?: ImapConnector;
  mailbox?: MailboxSyncOptions;
}

export type IntakeUseCases = ReturnType<typeof intakeUseCases>;

/**
 * Every intake use case over one unit of work, wired once: the Nest module provides these, and
 * the CLI, scripts, benches and tests call it directly.
 */
export function intakeUseCases(uow: UnitOfWork, config: HubConfig, wiring: IntakeWiring = {}) {
  const clock = wiring.clock ?? systemClock;
  const opts = wiring.mailbox ?? {};
  const recordIntake = new RecordIntakeUseCase(uow, { ticketPrefix: config.env.ticketPrefix, publicUrl: config.env.publicUrl, clock });
  const preparer = new LetterPreparer(config, opts.parse);
  const recorder = new LetterRecorder(uow, config, clock, recordIntake, opts);
  const health = new MailboxHealth(uow, config, clock, opts.log);
  const sync = new MailboxSync(uow, preparer, recorder, opts);
  const imap = wiring.imap ?? new ImapflowConnector(config.env.configDir);
  const lock = opts.lock ?? new DatabaseMailboxLock(uow, config.env.dataDir);
  const receiveWebIntake = new ReceiveWebIntakeUseCase(uow, config, clock, recordIntake);
  return {
    recordIntake,
    receiveWebIntake,
    fileOpen311Request: new FileOpen311RequestUseCase(config, receiveWebIntake),
    importHotlineFile: new ImportHotlineFileUseCase(uow, config, clock, recordIntake),
    pollMailbox: new PollMailboxUseCase(uow, config, clock, imap, lock, sync, health),
    checkMailboxHealth: new CheckMailboxHealthUseCase(health),
    reparseLetter: new ReparseLetterUseCase(uow, config, preparer, recorder, recordIntake),
  };
}
