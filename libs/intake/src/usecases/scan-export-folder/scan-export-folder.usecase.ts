import { mkdir, readdir, stat } from 'fs/promises';
import { join } from 'path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock } from '@hub/domain';
import { GuardedHotlineImport } from '../import-hotline-file/guarded-hotline-import';
import { ImportHotlineFileUseCase } from '../import-hotline-file/import-hotline-file.usecase';
import { ScanExportFolderCommand } from './scan-export-folder.command';

/** A file still being written (modified this recently) is left for the next scan. */
export const EXPORT_SETTLE_MS = 5000;

export interface ScanResult {
  /** Files taken up in this pass. */
  files: number;
  imported: number;
  /** Moved to `rejected/` with their reason (unreadable, or failed twice). */
  setAside: number;
  /** Failed this time; tried again at the next scan, set aside if they fail again. */
  failed: number;
}

/**
 * One look at an export source's watch folder: each settled file is imported and moved to `done/`,
 * or to `rejected/` with its reason beside it when it cannot be read or its import failed twice.
 * Its attempts are noted in a hidden `.<name>.import.json` beside it.
 */
@Injectable()
export class ScanExportFolderUseCase {
  private readonly log = new Logger('exports');
  private readonly guarded: GuardedHotlineImport;

  constructor(
    uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    importFile: ImportHotlineFileUseCase,
  ) {
    this.guarded = new GuardedHotlineImport(uow, clock, importFile);
  }

  async execute(input: ScanExportFolderCommand): Promise<ScanResult> {
    const { source: name } = validateCommand(ScanExportFolderCommand, input);
    const result: ScanResult = { files: 0, imported: 0, setAside: 0, failed: 0 };
    const source = this.config.sources.sources.find((s) => s.name === name);
    if (!source?.watch) return result;
    await mkdir(source.watch, { recursive: true });
    const names = (await readdir(source.watch, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.') && !d.name.endsWith('.tmp'))
      .map((d) => d.name)
      .sort();
    for (const file of names) {
      const path = join(source.watch, file);
      const info = await stat(path).catch(() => null);
      if (!info || this.clock.now().getTime() - info.mtimeMs < EXPORT_SETTLE_MS) continue;
      result.files++;
      try {
        const r = await this.guarded.run({ file: path, notePath: join(source.watch, `.${file}.import.json`), source: source.name });
        if (r.outcome === 'imported') {
          result.imported++;
          this.log.log(`${source.name}: ${file}: ${r.summary.imported} imported, ${r.summary.duplicates} duplicates, ${r.summary.rejected} rejected`);
        } else {
          result.setAside++;
          this.log.warn(`${source.name}: ${file} set aside: ${r.reason}`);
        }
      } catch (e) {
        result.failed++;
        this.log.warn(`${source.name}: ${file} failed (tried again at the next scan): ${(e as Error).message}`);
      }
    }
    return result;
  }
}
