import { Injectable } from '@nestjs/common';
import { ImportUploadedExportUseCase } from '@hub/intake';
import type { JobContext, JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Imports one export uploaded through the API, reporting its progress on the job. */
@Injectable()
export class ExportImportJob implements WorkerJob<'export-import'> {
  readonly name = 'export-import' as const;
  constructor(private readonly importUploadedExport: ImportUploadedExportUseCase) {}

  async handle({ uploadPath, source, originalName }: JobPayloads['export-import'], ctx: JobContext) {
    // ctx.progress never throws (a report Redis refuses is logged), so it need not be awaited.
    return this.importUploadedExport.execute({ uploadPath, source, originalName, onProgress: (p) => void ctx.progress({ ...p }) });
  }
}
