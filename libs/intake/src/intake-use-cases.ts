import type { HubConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { systemClock } from '@hub/domain';
import { mailboxUseCases, type MailboxWiring } from './mailbox-use-cases';
import {
  ImportHotlineFileUseCase,
  ImportUploadedExportUseCase,
  FileOpen311RequestUseCase,
  ReceiveWebIntakeUseCase,
  PullUpstreamUseCase,
  ScanExportFolderUseCase,
} from './usecases';
import { HttpUpstreamFetcher, type UpstreamFetcher } from './upstream/upstream-orders';

export interface IntakeWiring extends MailboxWiring {
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
  const mail = mailboxUseCases(uow, config, wiring);
  const recordIntake = mail.recordIntake;
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
    pollMailbox: mail.pollMailbox,
    checkMailboxHealth: mail.checkMailboxHealth,
    reparseLetter: mail.reparseLetter,
  };
}
