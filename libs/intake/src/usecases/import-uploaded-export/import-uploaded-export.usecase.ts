import { access } from 'fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock } from '@hub/domain';
import { forgetUpload, uploadNotePath } from '../../exports';
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

  constructor(uow: UnitOfWork, @Inject(CLOCK) clock: Clock, importFile: ImportHotlineFileUseCase) {
    this.guarded = new GuardedHotlineImport(uow, clock, importFile);
  }

  async execute(input: ImportUploadedExportCommand): Promise<GuardedImportOutcome | { outcome: 'gone' }> {
    const { uploadPath, source, originalName, onProgress } = validateCommand(ImportUploadedExportCommand, input);
    if (
      !(await access(uploadPath).then(
        () => true,
        () => false,
      ))
    ) {
      await forgetUpload(uploadPath);
      return { outcome: 'gone' };
    }
    return this.guarded.run({ file: uploadPath, notePath: uploadNotePath(uploadPath), source, originalName, onProgress });
  }
}
