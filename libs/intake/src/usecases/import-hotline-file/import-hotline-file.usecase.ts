import { mkdir } from 'fs/promises';
import { basename, join } from 'path';
import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { IMPORT_FILES, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock } from '@hub/domain';
import { type ExportProgress, FileUnreadableError, readExport, RejectsReportWriter } from '../../exports';
import { type HotlineImportSummary, hotlineRowDraft, UnknownSourceError } from '../../hotline-import';
import { shareRejectsReport } from '../../exports/shared-rejects';
import { RawArchive } from '../../raw-archive';
import { RecordIntakeUseCase } from '../record-intake/record-intake.usecase';
import { ImportHotlineFileCommand } from './import-hotline-file.command';

/** A running import records its counts in import_files at most this often (health lists imports silent for long). */
const PROGRESS_EVERY_MS = 2000;

/**
 * Imports one hotline export: the original is archived first, rows stream through the source's
 * column mapping in batches, bad rows go to a rejects report, good rows are recorded (one ticket
 * per line + 工单编号) and wait for classification.
 */
@Injectable()
export class ImportHotlineFileUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly record: RecordIntakeUseCase,
  ) {}

  async execute(input: ImportHotlineFileCommand): Promise<HotlineImportSummary> {
    const { file, source: sourceName, originalName, onProgress } = validateCommand(ImportHotlineFileCommand, input);
    const source = this.config.sources.sources.find((s) => s.name === sourceName);
    if (!source) {
      throw new UnknownSourceError(
        `unknown export source ${sourceName}; sources.yaml lists: ${this.config.sources.sources.map((s) => s.name).join(', ') || 'none'}`,
      );
    }
    const archive = RawArchive.of(this.config);
    const stored = await archive.putFile('exports', file);
    const imports = this.uow.read(IMPORT_FILES);
    const importFileId = await imports.start({
      kind: 'hotline',
      sourceName,
      fileName: (originalName ?? basename(file)).slice(0, 300),
      archivePath: stored.path,
      sha256: stored.sha256,
    });
    const rejectsDir = join(this.config.env.dataDir, 'rejects');
    await mkdir(rejectsDir, { recursive: true });
    const rejectsPath = join(rejectsDir, `${importFileId}-${basename(originalName ?? file).replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}.rejects.csv`);
    const rejects = new RejectsReportWriter(rejectsPath);
    const totals = { rows: 0, imported: 0, duplicates: 0, rejected: 0 };
    let last: ExportProgress = { bytesRead: 0, totalBytes: stored.size, rowsRead: 0 };
    let progressWrittenAt = 0;
    try {
      // Pipelined: the next batch is read and mapped while up to two are written, each in its own
      // transaction on its own connection (a row met by both is skipped by whichever commits second).
      const batches = readExport(await archive.localFile(stored.path), source, { onProgress: (p) => (last = p), limits: this.config.env.importLimits });
      let next = batches.next();
      let writing: Promise<void> = Promise.resolve();
      try {
        for (;;) {
          const step = await next;
          if (step.done) break;
          const batch = step.value;
          next = batches.next();
          next.catch(() => undefined); // surfaces when awaited; not unhandled meanwhile
          const progress = last;
          await rejects.add(batch.rejects);
          totals.rejected += batch.rejects.length;
          totals.rows += batch.rows.length + batch.rejects.length;
          const previous = writing;
          writing = this.record.execute({ drafts: batch.rows.map((r) => hotlineRowDraft(r, source, importFileId)) }).then(async (recorded) => {
            await previous; // totals and progress in file order
            totals.imported += recorded.created;
            totals.duplicates += recorded.duplicates;
            onProgress?.({ ...progress, ...totals });
            if (Date.now() - progressWrittenAt >= PROGRESS_EVERY_MS) {
              progressWrittenAt = Date.now();
              // Advisory, so not awaited (the batches go on meanwhile); a run already finished is left as it is.
              void imports.progress(importFileId, { ...totals, at: this.clock.now() }).catch(() => undefined);
            }
          });
          writing.catch(() => undefined); // surfaces when awaited
          await previous;
        }
        await writing;
      } finally {
        // On an error the reader stops here and its file is closed; no write is left running.
        await Promise.allSettled([next, writing]);
        await batches.return(undefined);
      }
    } catch (e) {
      await rejects.close();
      const status = e instanceof FileUnreadableError ? 'unreadable' : 'failed';
      await imports.finish(importFileId, { status, error: (e as Error).message, finishedAt: this.clock.now() });
      throw e;
    }
    await rejects.close();
    if (totals.rejected) await shareRejectsReport(this.config, rejectsPath);
    await imports.finish(importFileId, {
      status: 'done',
      rows: totals.rows,
      imported: totals.imported,
      duplicates: totals.duplicates,
      rejected: totals.rejected,
      rejectsPath: totals.rejected ? rejectsPath : null,
      finishedAt: this.clock.now(),
    });
    // An earlier run of this file whose worker was killed (its job re-ran, or the upload sweep queued
    // it again) would show as running for ever: this import is its outcome. A run still going at the
    // same time sets its own outcome when it ends.
    await imports.markInterrupted({
      sha256: stored.sha256,
      sourceName,
      beforeId: importFileId,
      at: this.clock.now(),
      error: `导入中断（处理进程已退出），文件已由第 ${importFileId} 次导入重新导入`,
    });
    return { ...totals, rejects: totals.rejected ? rejectsPath : null, importFileId };
  }
}
