import { access } from 'fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork, validateCommand } from '@hub/database';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { CLOCK, type Clock } from '@hub/domain';
import { sharedStorageFor } from '@hub/storage';
import { forgetUpload, uploadFile, uploadNotePath } from '../../exports';
import { GuardedHotlineImport, type GuardedImportOutcome } from '../import-hotline-file/guarded-hotline-import';
import { ImportHotlineFileUseCase } from '../import-hotline-file/import-hotline-file.usecase';
import { ImportUploadedExportCommand } from './import-uploaded-export.command';

/**
 * Imports an export uploaded through the API (the worker's export-import job): moved to
 * `uploads/done/` once imported, or to `uploads/rejected/` with its reason when it cannot be read or
 * its import failed twice. A repeated job for an upload already dealt with does nothing.
 */
@Injectable()
export class ImportUploadedExportUseCase {
  private readonly guarded: GuardedHotlineImport;

  constructor(
    uow: UnitOfWork,
    @Inject(CLOCK) clock: Clock,
    importFile: ImportHotlineFileUseCase,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.guarded = new GuardedHotlineImport(uow, clock, importFile);
  }

  async execute(input: ImportUploadedExportCommand): Promise<GuardedImportOutcome | { outcome: 'gone' }> {
    const { uploadPath: saved, source, originalName, onProgress } = validateCommand(ImportUploadedExportCommand, input);
    // Saved by an API process, maybe on another host: this host's copy, fetched from the shared bucket if need be.
    const uploadPath = await uploadFile(this.config, saved);
    const shared = sharedStorageFor(this.config);
    if (
      !(await access(uploadPath).then(
        () => true,
        () => false,
      ))
    ) {
      await forgetUpload(uploadPath, shared);
      return { outcome: 'gone' };
    }
    const outcome = await this.guarded.run({ file: uploadPath, notePath: uploadNotePath(uploadPath), source, originalName, onProgress });
    // Imported or set aside (a failure to retry throws): nothing is left for another host's sweep.
    if (shared) await forgetUpload(uploadPath, shared);
    return outcome;
  }
}
