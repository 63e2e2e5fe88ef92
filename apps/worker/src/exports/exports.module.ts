import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { mkdir, readdir, rename, stat } from 'fs/promises';
import { join } from 'path';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import {
  FileUnreadableError,
  forgetUpload,
  ImportHotlineFileUseCase,
  IntakeModule,
  moveAside,
  pendingUploads,
  UnknownSourceError,
  uploadFile,
} from '@hub/intake';
import { sharedStorageFor } from '@hub/storage';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
import { ScheduleRegistry } from '../worker-runner.service';

/** A file still being written (modified this recently) is left for the next scan. */
const SETTLE_MS = 5000;
/** An upload still waiting this long after it was saved lost its import job (Redis flushed or down): queue it again. */
export const UPLOAD_SWEEP_AFTER_MS = 60_000;

/**
 * Hotline exports: each source's watch folder is scanned; a file is imported, then moved to
 * `done/` (or `rejected/` with its reason when it cannot be read at all). Uploads from the API
 * arrive as `export-import` jobs.
 */
@Injectable()
class ExportJobs implements OnModuleInit {
  private readonly log = new Logger('exports');
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    private readonly importHotlineFile: ImportHotlineFileUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('export-scan', ({ source }) => this.scan(source));
    this.registry.register('export-import', async ({ uploadPath: saved, source, originalName }, ctx) => {
      // Saved by an API process, maybe on another host: its copy here, fetched from the shared bucket if need be.
      const uploadPath = await uploadFile(this.config, saved);
      const shared = sharedStorageFor(this.config);
      try {
        const summary = await this.importHotlineFile.execute({
          file: uploadPath,
          source,
          originalName,
          onProgress: (p) => void ctx.progress({ ...p }),
        });
        await moveTo(uploadPath, 'done');
        await forgetUpload(uploadPath, shared);
        return summary;
      } catch (e) {
        if (e instanceof FileUnreadableError || e instanceof UnknownSourceError) {
          await moveAside(uploadPath, e.message).catch(() => undefined);
          await forgetUpload(uploadPath, shared);
          return { unreadable: e.message };
        }
        throw e;
      }
    });
    this.registry.register('upload-sweep', async () => {
      const waiting = await pendingUploads(this.config.env.dataDir, UPLOAD_SWEEP_AFTER_MS, Date.now(), sharedStorageFor(this.config));
      for (const upload of waiting) await this.jobs.add('export-import', upload);
      if (waiting.length) this.log.log(`re-queued ${waiting.length} uploaded export(s)`);
      return { requeued: waiting.length };
    });
    this.schedules.add({ schedulerId: 'sched-upload-sweep', name: 'upload-sweep', payload: {}, everyMs: 60_000 });
    for (const s of this.config.sources.sources) {
      if (s.watch) this.schedules.add({ schedulerId: `sched-scan-${s.name}`, name: 'export-scan', payload: { source: s.name }, everyMs: 30_000 });
    }
  }

  private async scan(sourceName: string) {
    const source = this.config.sources.sources.find((s) => s.name === sourceName);
    if (!source?.watch) return { files: 0 };
    await mkdir(source.watch, { recursive: true });
    const names = (await readdir(source.watch, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.') && !d.name.endsWith('.tmp'))
      .map((d) => d.name)
      .sort();
    let files = 0;
    for (const name of names) {
      const path = join(source.watch, name);
      const info = await stat(path).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < SETTLE_MS) continue;
      files++;
      try {
        const summary = await this.importHotlineFile.execute({ file: path, source: source.name });
        this.log.log(`${source.name}: ${name}: ${summary.imported} imported, ${summary.duplicates} duplicates, ${summary.rejected} rejected`);
        await moveTo(path, 'done');
      } catch (e) {
        if (!(e instanceof FileUnreadableError)) throw e;
        this.log.warn(`${source.name}: ${name} cannot be read: ${e.message}`);
        await moveAside(path, e.message);
      }
    }
    return { files };
  }
}

async function moveTo(path: string, folder: string): Promise<void> {
  const dir = join(path, '..', folder);
  await mkdir(dir, { recursive: true });
  await rename(path, join(dir, path.replace(/^.*[\\/]/, ''))).catch(() => undefined);
}

@Module({ imports: [IntakeModule], providers: [ExportJobs] })
export class ExportsWorkerModule {}
