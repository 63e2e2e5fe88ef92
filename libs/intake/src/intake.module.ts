import { Logger, Module } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UnitOfWork, UnitOfWorkModule } from '@hub/database';
import { CLOCK, type Clock } from '@hub/domain';
import { type IntakeUseCases, intakeUseCases } from './intake-use-cases';
import {
  CheckMailboxHealthUseCase,
  ImportHotlineFileUseCase,
  ImportUploadedExportUseCase,
  PollMailboxUseCase,
  FileOpen311RequestUseCase,
  PullUpstreamUseCase,
  ReceiveWebIntakeUseCase,
  RecordIntakeUseCase,
  ReparseLetterUseCase,
  RequeueWaitingUploadsUseCase,
  ScanExportFolderUseCase,
} from './usecases';

const INTAKE = Symbol('INTAKE_USE_CASES');
const log = new Logger('mailbox');

const fromIntake = <T>(provide: abstract new (...args: never[]) => T, pick: (u: IntakeUseCases) => T) => ({ provide, inject: [INTAKE], useFactory: pick });

/** The intake use cases for the API and the worker (one wiring: intakeUseCases). */
@Module({
  imports: [UnitOfWorkModule],
  providers: [
    {
      provide: INTAKE,
      inject: [UnitOfWork, HUB_CONFIG, CLOCK],
      useFactory: (uow: UnitOfWork, config: HubConfig, clock: Clock) => intakeUseCases(uow, config, { clock, mailbox: { log: (m) => log.warn(m) } }),
    },
    fromIntake(RecordIntakeUseCase, (u) => u.recordIntake),
    fromIntake(ReceiveWebIntakeUseCase, (u) => u.receiveWebIntake),
    fromIntake(FileOpen311RequestUseCase, (u) => u.fileOpen311Request),
    fromIntake(PullUpstreamUseCase, (u) => u.pullUpstream),
    fromIntake(ImportHotlineFileUseCase, (u) => u.importHotlineFile),
    fromIntake(PollMailboxUseCase, (u) => u.pollMailbox),
    fromIntake(CheckMailboxHealthUseCase, (u) => u.checkMailboxHealth),
    fromIntake(ReparseLetterUseCase, (u) => u.reparseLetter),
    fromIntake(ImportUploadedExportUseCase, (u) => u.importUploadedExport),
    fromIntake(ScanExportFolderUseCase, (u) => u.scanExportFolder),
    RequeueWaitingUploadsUseCase,
  ],
  exports: [
    RecordIntakeUseCase,
    ReceiveWebIntakeUseCase,
    FileOpen311RequestUseCase,
    PullUpstreamUseCase,
    ImportHotlineFileUseCase,
    PollMailboxUseCase,
    CheckMailboxHealthUseCase,
    ReparseLetterUseCase,
    ImportUploadedExportUseCase,
    ScanExportFolderUseCase,
    RequeueWaitingUploadsUseCase,
  ],
})
export class IntakeModule {}
