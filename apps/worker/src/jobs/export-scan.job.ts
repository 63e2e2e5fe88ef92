import { Injectable } from '@nestjs/common';
import { ScanExportFolderUseCase } from '@hub/intake';
import type { JobPayloads } from '@hub/queue';
import type { WorkerJob } from './worker-job';

/** Looks in an export source's watch folder and imports the files that have settled. */
@Injectable()
export class ExportScanJob implements WorkerJob<'export-scan'> {
  readonly name = 'export-scan' as const;
  constructor(private readonly scanExportFolder: ScanExportFolderUseCase) {}

  async handle({ source }: JobPayloads['export-scan']) {
    return this.scanExportFolder.execute({ source });
  }
}
