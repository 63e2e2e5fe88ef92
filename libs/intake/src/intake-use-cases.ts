import type { HubConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { type Clock, systemClock } from '@hub/domain';
import {
  DatabaseMailboxLock,
  type ImapConnector,
  ImapflowConnector,
  LetterPreparer,
  LetterRecorder,
  LetterStrikes,
  MailboxHealth,
  MailboxSync,
  type MailboxSyncOptions,
} from './mailbox';
import {
  CheckMailboxHealthUseCase,
  ImportHotlineFileUseCase,
  ImportUploadedExportUseCase,
  PollMailboxUseCase,
  FileOpen311RequestUseCase,
  ReceiveWebIntakeUseCase,
  RecordIntakeUseCase,
  ReparseLetterUseCase,
  PullUpstreamUseCase,
  ScanExportFolderUseCase,
} from './usecases';
import { HttpUpstreamFetcher, type UpstreamFetcher } from './upstream/upstream-orders';

export interface IntakeWiring {
  clock?: Clock;
  /** Default: imapflow. */
  imap?: ImapConnector;
  mailbox?: MailboxSyncOptions;
  /** Default: HTTP GET. */
  upstream?: UpstreamFetcher;
}

export type IntakeUseCases = ReturnType<typeof intakeUseCases>;

/**
 * Every intake use case over one unit of work, wired once: the Nest module provides these, and
 * the CLI, scripts, benches and tests call it directly.
 */
export function intakeUseCases(uow: UnitOfWork, config: HubConfig, wiring: IntakeWiring = {}) {
  const clock = wiring.clock ?? systemClock;
  const opts = wiring.mailbox ?? {};
  const cityPrefixes = new Map((config.cities?.cities ?? []).map((c) => [c.name, c.prefix]));
  const recordIntake = new RecordIntakeUseCase(uow, { ticketPrefix: config.env.ticketPrefix, publicUrl: config.env.publicUrl, clock, cityPrefixes });
  const preparer = new LetterPreparer(config, opts.parse);
  const recorder = new LetterRecorder(uow, config, clock, recordIntake, opts);
  const health = new MailboxHealth(uow, config, clock, opts.log);
  const sync = new MailboxSync(uow, preparer, recorder, { ...opts, strikes: opts.strikes ?? new LetterStrikes(config.env.dataDir) });
  const imap = wiring.imap ?? new ImapflowConnector(config.env.configDir);
  const lock = opts.lock ?? new DatabaseMailboxLock(uow, config.env.dataDir);
  const importHotlineFile = new ImportHotlineFileUseCase(uow, config, clock, recordIntake);
  const receiveWebIntake = new ReceiveWebIntakeUseCase(uow, config, clock, recordIntake);
  return {
    recordIntake,
    receiveWebIntake,
    fileOpen311Request: new FileOpen311RequestUseCase(config, receiveWebIntake),
    pullUpstream: new PullUpstreamUseCase(uow, config, clock, receiveWebIntake, wiring.upstream ?? new HttpUpstreamFetcher()),
    importHotlineFile,
    importUploadedExport: new ImportUploadedExportUseCase(uow, clock, importHotlineFile, config),
    scanExportFolder: new ScanExportFolderUseCase(uow, config, clock, importHotlineFile),
    pollMailbox: new PollMailboxUseCase(uow, config, clock, imap, lock, sync, health),
    checkMailboxHealth: new CheckMailboxHealthUseCase(health),
    reparseLetter: new ReparseLetterUseCase(uow, config, preparer, recorder, recordIntake),
  };
}
