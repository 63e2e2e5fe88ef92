import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import { mkdir, rename } from 'fs/promises';
import { basename, join } from 'path';
import { IMPORT_FILES, isDatabaseUnavailable, type UnitOfWork } from '@hub/database';
import type { Clock } from '@hub/domain';
import {
  countImportAttempt,
  FileUnreadableError,
  forgetImportAttempts,
  importFailedReason,
  importGiveUpReason,
  MAX_IMPORT_ATTEMPTS,
  noteImportFailure,
  uncountImportAttempt,
} from '../../exports';
import { type HotlineImportSummary, moveAside, UnknownSourceError } from '../../hotline-import';
import type { HotlineImportProgress } from './import-hotline-file.command';
import type { ImportHotlineFileUseCase } from './import-hotline-file.usecase';

export type GuardedImportOutcome =
  | { outcome: 'imported'; summary: HotlineImportSummary }
  /** Set aside in `rejected/` beside the file, with its reason in `<name>.reason.txt`. */
  | { outcome: 'unreadable' | 'quarantined'; reason: string };

export interface GuardedImportRequest {
  file: string;
  /** The file's attempt note (see import-attempts). */
  notePath: string;
  source: string;
  originalName?: string;
  onProgress?: (p: HotlineImportProgress) => void;
}

/**
 * Imports a hotline export file that waits in a folder (an upload, a watched folder) and moves it
 * to `done/` — or, with its reason, to `rejected/` when it cannot be read, or when its import has
 * failed (or been cut off by a dying process) MAX_IMPORT_ATTEMPTS times: never retried in a loop.
 * A failure because the database was away does not count against the file.
 */
export class GuardedHotlineImport {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly importFile: ImportHotlineFileUseCase,
  ) {}

  async run(r: GuardedImportRequest): Promise<GuardedImportOutcome> {
    const before = await countImportAttempt(r.notePath);
    const giveUp = importGiveUpReason(before);
    if (giveUp) return this.quarantine(r, giveUp);
    try {
      const summary = await this.importFile.execute({ file: r.file, source: r.source, originalName: r.originalName, onProgress: r.onProgress });
      await moveInto(r.file, 'done');
      await forgetImportAttempts(r.notePath);
      return { outcome: 'imported', summary };
    } catch (e) {
      const message = (e as Error).message;
      if (e instanceof FileUnreadableError || e instanceof UnknownSourceError) {
        await moveAside(r.file, message).catch(() => undefined);
        await forgetImportAttempts(r.notePath);
        return { outcome: 'unreadable', reason: message };
      }
      if (isDatabaseUnavailable(e)) {
        // Not the file's fault: the job's retries (or the next scan or sweep) try again, uncounted.
        await uncountImportAttempt(r.notePath);
        throw e;
      }
      if (before.attempts + 1 >= MAX_IMPORT_ATTEMPTS) return this.quarantine(r, importFailedReason(before.attempts + 1, message));
      await noteImportFailure(r.notePath, message);
      throw e;
    }
  }

  /** Sets the file aside; runs of it that a dying process left `running` get the reason as their outcome. */
  private async quarantine(r: GuardedImportRequest, reason: string): Promise<GuardedImportOutcome> {
    const sha256 = await fileSha256(r.file).catch(() => null);
    if (sha256)
      await this.uow
        .read(IMPORT_FILES)
        .markInterrupted({ sha256, sourceName: r.source, beforeId: Number.MAX_SAFE_INTEGER, error: reason, at: this.clock.now() });
    await moveAside(r.file, reason).catch(() => undefined);
    await forgetImportAttempts(r.notePath);
    return { outcome: 'quarantined', reason };
  }
}

async function moveInto(path: string, folder: string): Promise<void> {
  const dir = join(path, '..', folder);
  await mkdir(dir, { recursive: true });
  await rename(path, join(dir, basename(path))).catch(() => undefined);
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
