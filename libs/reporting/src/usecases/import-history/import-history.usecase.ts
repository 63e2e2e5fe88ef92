import { Inject, Injectable } from '@nestjs/common';
import { createReadStream } from 'fs';
import { mkdir, stat } from 'fs/promises';
import { basename, join } from 'path';
import { createInterface } from 'readline';
import { Transform } from 'stream';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { HISTORY_IMPORT, HistoryImportRepository, UnitOfWork, validateCommand } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { ExportTextDecoder, RawArchive, RejectsReportWriter, type RowReject } from '@hub/intake';
import { HistoryLine, HistoryLineError, parseHistoryLine } from '../../history-line';
import { refreshDailyStats } from '../../daily-stats';
import { addHistoryRows, GoodHistoryLine, historyTicketRow, HistoryRows } from './history-rows';
import { ImportHistoryCommand } from './import-history.command';

export interface HistoryImportSummary {
  /** Non-blank lines read. */
  lines: number;
  imported: number;
  /** Lines whose (source, id) was already in the hub: left alone. */
  duplicates: number;
  rejected: number;
  /** The rejects report (line number, reason, line), or null when every line was good. */
  rejects: string | null;
  /** Sources (lines, mailboxes) the file named that the hub did not know: created. */
  createdSources: string[];
  /** Units the file named that the hub did not know: created inactive with `createUnits`, else their lines were rejected. */
  createdUnits: string[];
}

export type HistoryImportOptions = Omit<ImportHistoryCommand, 'file'>;

const key = (s: number, e: string) => `${s}\u0000${e}`;

/**
 * Imports past tickets (JSONL, INTERFACES.md) for statistics and for training the router. The file
 * is streamed line by line and written in batches; bad lines go to a rejects report with their
 * line number and reason; a (source, id) already in the hub is counted as a duplicate and left
 * alone, so importing the same file twice changes nothing. Unknown sources are created (a past
 * year may have had other lines); unknown units reject the line unless `createUnits`.
 */
@Injectable()
export class ImportHistoryUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(input: ImportHistoryCommand): Promise<HistoryImportSummary> {
    const { onProgress } = input;
    const cmd = validateCommand(ImportHistoryCommand, input);
    const { config } = this;
    const file = cmd.file;
    const totalBytes = (await stat(file)).size;
    const batchSize = cmd.batchSize ?? 500;
    const policies = (() => {
      try {
        return loadDeadlinePolicies(config);
      } catch {
        return null;
      }
    })();
    const repo = this.uow.read(HISTORY_IMPORT);
    // The original is kept verbatim first, as for hotline exports.
    const stored = await RawArchive.of(config).putFile('history', file);
    const importId = await repo.startImport({ fileName: basename(file).slice(0, 300), archivePath: stored.path, sha256: stored.sha256 });
    const rejectsPath =
      cmd.rejectsPath ?? join(config.env.dataDir, 'rejects', `history-${importId}-${basename(file).replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}.rejects.csv`);
    await mkdir(join(rejectsPath, '..'), { recursive: true });
    const rejects = new RejectsReportWriter(rejectsPath);
    // The units of units.yaml are known even when nothing has mirrored them into this database yet (a fresh
    // one after `hub db migrate`): otherwise every line naming one is rejected as unknown.
    await repo.syncDirectory(config);
    const sources = new Map((await repo.sources()).map((s) => [s.name, { id: s.id, channel: s.channel }]));
    const units = new Map((await repo.units()).map((u) => [u.name, u.id]));
    const out: HistoryImportSummary = { lines: 0, imported: 0, duplicates: 0, rejected: 0, rejects: null, createdSources: [], createdUnits: [] };
    let bytesRead = 0;

    const reject = async (lineNo: number, reason: string, raw: string, kind: 'bad_time' | 'missing_field' = 'missing_field') => {
      out.rejected++;
      await rejects.add([{ rowNumber: lineNo, code: kind, reason, raw: raw.slice(0, 2000) } as RowReject]);
    };

    let batch: Array<{ lineNo: number; line: HistoryLine; raw: string }> = [];
    const flush = async () => {
      const goods: GoodHistoryLine[] = [];
      for (const { lineNo, line, raw } of batch) {
        let src = sources.get(line.source);
        if (!src) {
          const channel = line.channel ?? (/信箱/.test(line.source) ? 'mailbox' : /电话|热线/.test(line.source) ? 'hotline' : null);
          if (!channel) {
            await reject(lineNo, `未知来源 ${line.source}，且未给出 channel`, raw);
            continue;
          }
          src = await repo.ensureSource(line.source, channel);
          sources.set(line.source, src);
          out.createdSources.push(line.source);
        }
        let unitId: number | null = null;
        if (line.unit) {
          unitId = units.get(line.unit) ?? null;
          if (unitId === null) {
            if (!cmd.createUnits) {
              await reject(lineNo, `未知承办单位 ${line.unit}（units.yaml 中没有；如为已撤销单位，可加 --create-units 导入）`, raw);
              continue;
            }
            unitId = await repo.ensureRetiredUnit(line.unit);
            units.set(line.unit, unitId);
            out.createdUnits.push(line.unit);
          }
        }
        goods.push({ lineNo, line, sourceId: src.id, channel: line.channel ?? src.channel, unitId });
      }
      batch = [];
      if (goods.length)
        await this.uow.run(async (tx) => {
          const ids = await this.writeBatch(tx.get(HISTORY_IMPORT), goods, out, {
            importFileId: importId,
            policies,
            unitNames: new Map([...units].map(([n, id]) => [id, n])),
          });
          // Their lookup rows after the commit (Redis away: the search sweep writes them).
          if (ids.length) tx.enqueue('ticket-search-index', { ticketIds: ids.sort((a, b) => a - b) });
        });
    };

    // Decoded as hotline exports are (BOM; strict UTF-8; else GB18030): a file saved as 'ANSI' on a Chinese
    // Windows is GBK, and read as UTF-8 its source names became new garbled sources.
    const decoder = new ExportTextDecoder('auto');
    const raw = createReadStream(file);
    const input$ = raw.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytesRead += chunk.length;
          done(null, decoder.write(chunk));
        },
        flush(done) {
          done(null, decoder.end());
        },
      }),
    );
    raw.on('error', (e) => input$.destroy(e));
    const rl = createInterface({ input: input$, crlfDelay: Infinity });
    let lineNo = 0;
    try {
      for await (const rawLine of rl) {
        lineNo++;
        const raw = lineNo === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
        if (!raw.trim()) continue;
        out.lines++;
        try {
          batch.push({ lineNo, line: parseHistoryLine(raw), raw });
        } catch (e) {
          if (!(e instanceof HistoryLineError)) throw e;
          await reject(lineNo, e.message, raw, e.kind);
        }
        if (batch.length >= batchSize) {
          await flush();
          onProgress?.({ bytesRead, totalBytes, lines: out.lines, imported: out.imported, duplicates: out.duplicates, rejected: out.rejected });
        }
      }
      await flush();
    } catch (e) {
      await rejects.close();
      await repo.failImport(importId, (e as Error).message.slice(0, 2000), new Date());
      throw e;
    }
    await rejects.close();
    out.rejects = out.rejected ? rejectsPath : null;
    await repo.finishImport(
      importId,
      { rows: out.lines, imported: out.imported, duplicates: out.duplicates, rejected: out.rejected, rejectsPath: out.rejects },
      new Date(),
    );
    // The imported days' figures are rebuilt now rather than at the next refresh.
    if (out.imported) await refreshDailyStats(this.uow);
    return out;
  }

  /** One batch in one transaction: the new tickets, then what each adds (events, assignments, deadlines, examples); the new tickets' ids. */
  private async writeBatch(
    repo: HistoryImportRepository,
    goods: GoodHistoryLine[],
    out: HistoryImportSummary,
    ctx: Parameters<typeof addHistoryRows>[3],
  ): Promise<number[]> {
    const seen = new Set<string>();
    const fresh: GoodHistoryLine[] = [];
    for (const g of goods) {
      const k = key(g.sourceId, g.line.id);
      if (seen.has(k)) {
        out.duplicates++;
        continue;
      }
      seen.add(k);
      fresh.push(g);
    }
    const existing = new Set(
      (
        await repo.ticketsByExternalId(
          fresh.map((g) => g.line.id),
          [...new Set(fresh.map((g) => g.sourceId))],
        )
      ).map((r) => key(r.sourceId, r.externalId)),
    );
    const todo = fresh.filter((g) => !existing.has(key(g.sourceId, g.line.id)));
    out.duplicates += fresh.length - todo.length;
    if (!todo.length) return [];
    await repo.insertTickets(todo.map(historyTicketRow));
    const rows = await repo.ticketsByExternalId(
      todo.map((g) => g.line.id),
      [...new Set(todo.map((g) => g.sourceId))],
    );
    const ids = new Map(rows.map((r) => [key(r.sourceId, r.externalId), r.id]));
    const more: HistoryRows = { events: [], assignments: [], deadlines: [], examples: [] };
    const made: number[] = [];
    for (const g of todo) {
      const id = ids.get(key(g.sourceId, g.line.id));
      if (!id) continue;
      out.imported++;
      made.push(id);
      addHistoryRows(more, id, g, ctx);
    }
    await repo.insertEvents(more.events);
    await repo.insertAssignments(more.assignments);
    if (more.deadlines.length && more.assignments.length) {
      // Link each deadline to its assignment (one lead assignment per imported ticket).
      const byTicket = await repo.assignmentIdsByTicket(more.assignments.map((a) => a.ticketId as number));
      for (const d of more.deadlines) d.assignmentId = byTicket.get(d.ticketId as number) ?? null;
    }
    await repo.insertDeadlines(more.deadlines);
    await repo.insertTrainingExamples(more.examples);
    return made;
  }
}

/** `importHistoryFile(uow, config, file, opts)`: the use case without Nest (CLI, tests). */
export function importHistoryFile(uow: UnitOfWork, config: HubConfig, file: string, opts: HistoryImportOptions = {}): Promise<HistoryImportSummary> {
  return new ImportHistoryUseCase(uow, config).execute({ file, ...opts });
}
