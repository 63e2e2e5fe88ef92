import { mkdir, rename, writeFile } from 'fs/promises';
import { basename, join } from 'path';
import { DataSource } from 'typeorm';
import type { HubConfig } from '@hub/config';
import { ensureSource, ImportFileEntity } from '@hub/database';
import type { JobProducer } from '@hub/queue';
import { createTicketsBulk, NewTicket } from '@hub/tickets';
import { FileUnreadableError, readExport, RejectsReportWriter } from './exports';
import type { ExportProgress } from './exports';
import { RawArchive } from './raw-archive';

export interface HotlineImportSummary {
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** The rejects report (row number and reason of each bad row), or null when every row was good. */
  rejects: string | null;
  importFileId: number;
}

export class UnknownSourceError extends Error {
  readonly code = 'BAD_INPUT';
}

/**
 * Imports one hotline export: the original is archived first, rows stream through the source's
 * column mapping in batches, bad rows go to a rejects report, good rows become tickets (idempotent
 * by line + 工单编号) and wait for classification.
 */
export async function importHotlineFile(
  ds: DataSource,
  config: HubConfig,
  jobs: JobProducer | null,
  file: string,
  sourceName: string,
  opts: { onProgress?: (p: ExportProgress & { imported: number; duplicates: number; rejected: number }) => void; originalName?: string } = {},
): Promise<HotlineImportSummary> {
  const source = config.sources.sources.find((s) => s.name === sourceName);
  if (!source) {
    throw new UnknownSourceError(`unknown export source ${sourceName}; sources.yaml lists: ${config.sources.sources.map((s) => s.name).join(', ') || 'none'}`);
  }
  const archive = new RawArchive(config.env.dataDir);
  const stored = await archive.putFile('exports', file);
  const imports = ds.getRepository(ImportFileEntity);
  const record = await imports.save(imports.create({
    kind: 'hotline', sourceName, fileName: (opts.originalName ?? basename(file)).slice(0, 300), archivePath: stored.path, sha256: stored.sha256, status: 'running',
  }));
  const rejectsDir = join(config.env.dataDir, 'rejects');
  await mkdir(rejectsDir, { recursive: true });
  const rejectsPath = join(rejectsDir, `${record.id}-${basename(opts.originalName ?? file).replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}.rejects.csv`);
  const rejects = new RejectsReportWriter(rejectsPath);
  const sources = new Map<string, number>();
  const sourceId = async (line: string) => {
    if (!sources.has(line)) sources.set(line, (await ensureSource(ds, line, 'hotline')).id);
    return sources.get(line) as number;
  };
  const totals = { rows: 0, imported: 0, duplicates: 0, rejected: 0 };
  let last: ExportProgress = { bytesRead: 0, totalBytes: stored.size, rowsRead: 0 };
  try {
    // Pipelined: the next batch is read and mapped while up to two are written, each in its own
    // transaction on its own connection (a row met by both is skipped by whichever commits second).
    const batches = readExport(archive.absolute(stored.path), source, { onProgress: (p) => (last = p), limits: config.env.importLimits });
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
        const items: NewTicket[] = [];
        for (const r of batch.rows) {
          const line = r.line || source.name; // (r.line is already the source's fixed line when it has one)
          items.push({
            sourceId: sources.get(line) ?? (await sourceId(line)), channel: 'hotline', externalId: r.externalId,
            text: r.text, address: r.address, receivedAt: r.receivedAt, urgency: r.urgency, confidential: r.confidential,
            requester: { name: r.name, phone: r.phone, email: r.email, address: r.address },
          });
        }
        totals.rows += batch.rows.length + batch.rejects.length;
        const previous = writing;
        writing = createTicketsBulk(ds, items).then(async (created) => {
          await previous; // totals, jobs and progress in file order
          totals.imported += created.created.length;
          totals.duplicates += created.duplicates;
          if (jobs && created.created.length) {
            const ids = created.created.map((c) => c.id).sort((a, b) => a - b);
            await jobs.add('ticket-classify', { ticketIds: ids }).catch(() => undefined); // the triage sweep catches what Redis missed
          }
          opts.onProgress?.({ ...progress, ...totals });
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
    if (e instanceof FileUnreadableError) {
      await imports.update(record.id, { status: 'unreadable', error: e.message, finishedAt: new Date() });
    } else {
      await imports.update(record.id, { status: 'failed', error: (e as Error).message, finishedAt: new Date() });
    }
    throw e;
  }
  await rejects.close();
  await imports.update(record.id, {
    status: 'done', rows: totals.rows, imported: totals.imported, duplicates: totals.duplicates, rejected: totals.rejected,
    rejectsPath: totals.rejected ? rejectsPath : null, finishedAt: new Date(),
  });
  // An earlier run of this file whose worker was killed (its job re-ran, or the upload sweep queued
  // it again) would show as running for ever: this import is its outcome. A run still going at the
  // same time sets its own outcome when it ends.
  await imports.createQueryBuilder().update(ImportFileEntity)
    .set({ status: 'interrupted', error: `导入中断（处理进程已退出），文件已由第 ${record.id} 次导入重新导入`, finishedAt: new Date() })
    .where('status = :running AND sha256 = :sha AND sourceName = :source AND id < :id', { running: 'running', sha: stored.sha256, source: sourceName, id: record.id })
    .execute();
  return { ...totals, rejects: totals.rejected ? rejectsPath : null, importFileId: record.id };
}

/** A file in a watch folder that could not be read is moved aside with its reason beside it. */
export async function moveAside(file: string, reason: string): Promise<string> {
  const dir = join(file, '..', 'rejected');
  await mkdir(dir, { recursive: true });
  const target = join(dir, basename(file));
  await rename(file, target);
  await writeFile(`${target}.reason.txt`, `${reason}\n`, 'utf8');
  return target;
}
