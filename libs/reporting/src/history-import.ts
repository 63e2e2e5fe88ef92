import { createReadStream } from 'fs';
import { mkdir, stat } from 'fs/promises';
import { basename, join } from 'path';
import { createInterface } from 'readline';
import { Transform } from 'stream';
import { DataSource, In } from 'typeorm';
import type { HubConfig } from '@hub/config';
import {
  AssignmentEntity, DeadlineEntity, ensureSource, ImportFileEntity, SourceEntity, syncDirectory, TicketEntity, TicketEventEntity, TrainingExampleEntity, UnitEntity,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { ExportTextDecoder, RawArchive, RejectsReportWriter, type RowReject } from '@hub/intake';
import { HistoryLine, HistoryLineError, importedStatus, parseHistoryLine } from './history-line';
import { refreshDailyStats } from './daily-stats';

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

export interface HistoryImportOptions {
  /** Create unknown units (inactive) instead of rejecting their lines. */
  createUnits?: boolean;
  batchSize?: number;
  /** Where the rejects report goes (default HUB_DATA_DIR/rejects). */
  rejectsPath?: string;
  onProgress?: (p: { bytesRead: number; totalBytes: number } & Omit<HistoryImportSummary, 'rejects' | 'createdSources' | 'createdUnits'>) => void;
}

interface Good {
  lineNo: number;
  line: HistoryLine;
  sourceId: number;
  channel: string;
  unitId: number | null;
}

/**
 * Imports past tickets (JSONL, INTERFACES.md) for statistics and for training the router. The file
 * is streamed line by line and written in batches; bad lines go to a rejects report with their
 * line number and reason; a (source, id) already in the hub is counted as a duplicate and left
 * alone, so importing the same file twice changes nothing. Unknown sources are created (a past
 * year may have had other lines); unknown units reject the line unless `createUnits`.
 */
export async function importHistoryFile(ds: DataSource, config: HubConfig, file: string, opts: HistoryImportOptions = {}): Promise<HistoryImportSummary> {
  const totalBytes = (await stat(file)).size;
  const batchSize = opts.batchSize ?? 500;
  const policies = (() => {
    try {
      return loadDeadlinePolicies(config);
    } catch {
      return null;
    }
  })();
  const imports = ds.getRepository(ImportFileEntity);
  // The original is kept verbatim first, as for hotline exports.
  const stored = await new RawArchive(config.env.dataDir).putFile('history', file);
  const record = await imports.save(imports.create({
    kind: 'history', sourceName: 'history', fileName: basename(file).slice(0, 300), archivePath: stored.path, sha256: stored.sha256, status: 'running',
  }));
  const rejectsPath = opts.rejectsPath ?? join(config.env.dataDir, 'rejects', `history-${record.id}-${basename(file).replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}.rejects.csv`);
  await mkdir(join(rejectsPath, '..'), { recursive: true });
  const rejects = new RejectsReportWriter(rejectsPath);
  // The units of units.yaml are known even when nothing has mirrored them into this database yet (a fresh
  // one after `hub db migrate`): otherwise every line naming one is rejected as unknown.
  await syncDirectory(ds, config);
  const sources = new Map((await ds.getRepository(SourceEntity).find()).map((s) => [s.name, { id: s.id, channel: s.channel }]));
  const units = new Map((await ds.getRepository(UnitEntity).find()).map((u) => [u.name, u.id]));
  const out: HistoryImportSummary = { lines: 0, imported: 0, duplicates: 0, rejected: 0, rejects: null, createdSources: [], createdUnits: [] };
  let bytesRead = 0;

  const reject = async (lineNo: number, reason: string, raw: string, kind: 'bad_time' | 'missing_field' = 'missing_field') => {
    out.rejected++;
    await rejects.add([{ rowNumber: lineNo, code: kind, reason, raw: raw.slice(0, 2000) } as RowReject]);
  };

  let batch: Array<{ lineNo: number; line: HistoryLine; raw: string }> = [];
  const flush = async () => {
    const goods: Good[] = [];
    for (const { lineNo, line, raw } of batch) {
      let src = sources.get(line.source);
      if (!src) {
        const channel = line.channel ?? (/信箱/.test(line.source) ? 'mailbox' : /电话|热线/.test(line.source) ? 'hotline' : null);
        if (!channel) { await reject(lineNo, `未知来源 ${line.source}，且未给出 channel`, raw); continue; }
        const row = await ensureSource(ds, line.source, channel);
        src = { id: row.id, channel: row.channel };
        sources.set(line.source, src);
        out.createdSources.push(line.source);
      }
      let unitId: number | null = null;
      if (line.unit) {
        unitId = units.get(line.unit) ?? null;
        if (unitId === null) {
          if (!opts.createUnits) { await reject(lineNo, `未知承办单位 ${line.unit}（units.yaml 中没有；如为已撤销单位，可加 --create-units 导入）`, raw); continue; }
          const repo = ds.getRepository(UnitEntity);
          const row = (await repo.findOneBy({ name: line.unit })) ?? (await repo.save(repo.create({ name: line.unit, kind: 'department', region: null, email: '', active: false })));
          unitId = row.id;
          units.set(line.unit, unitId);
          out.createdUnits.push(line.unit);
        }
      }
      goods.push({ lineNo, line, sourceId: src.id, channel: line.channel ?? src.channel, unitId });
    }
    batch = [];
    if (goods.length) await writeBatch(goods);
  };

  const writeBatch = async (goods: Good[]) => {
    await ds.transaction(async (m) => {
      const key = (s: number, e: string) => `${s}\u0000${e}`;
      const seen = new Set<string>();
      const fresh: Good[] = [];
      for (const g of goods) {
        const k = key(g.sourceId, g.line.id);
        if (seen.has(k)) { out.duplicates++; continue; }
        seen.add(k);
        fresh.push(g);
      }
      const existing = new Set(
        (await m.getRepository(TicketEntity).find({
          select: ['sourceId', 'externalId'],
          where: { externalId: In(fresh.map((g) => g.line.id)), sourceId: In([...new Set(fresh.map((g) => g.sourceId))]) },
        })).map((r) => key(r.sourceId, r.externalId as string)),
      );
      const todo = fresh.filter((g) => !existing.has(key(g.sourceId, g.line.id)));
      out.duplicates += fresh.length - todo.length;
      if (!todo.length) return;
      await m.createQueryBuilder().insert().into(TicketEntity).values(todo.map(({ line: l, sourceId, channel, unitId }) => {
        const dispatched = l.disposition === 'dispatched';
        return {
          sourceId, channel, externalId: l.id, status: importedStatus(l), subject: null, text: l.text, address: null,
          receivedAt: l.receivedAt, category: l.category, region: l.region, urgency: l.urgency, disposition: l.disposition,
          leadUnitId: unitId, requesterId: null, confidential: false, mergedIntoId: null, clusterId: null, repeatCount: 0, classification: null,
          dispatchedAt: dispatched ? l.dispatchedAt ?? l.receivedAt : null, acknowledgedAt: l.acknowledgedAt, repliedAt: l.repliedAt,
          replyDueAt: l.replyDueAt, surveyedAt: l.rating ? l.surveyedAt ?? l.closedAt ?? l.repliedAt : null, closedAt: l.closedAt,
          outcome: l.outcome, rating: l.rating, returnCount: 0, extensionCount: l.extensions, reopenCount: 0, imported: true,
          messageId: null, version: 1,
        };
      })).orIgnore().updateEntity(false).execute();
      const rows = await m.getRepository(TicketEntity).find({
        select: ['id', 'sourceId', 'externalId'],
        where: { externalId: In(todo.map((g) => g.line.id)), sourceId: In([...new Set(todo.map((g) => g.sourceId))]) },
      });
      const ids = new Map(rows.map((r) => [key(r.sourceId, r.externalId as string), r.id]));
      const assignments: Array<Partial<AssignmentEntity>> = [];
      const deadlines: Array<Partial<DeadlineEntity>> = [];
      const examples: Array<Partial<TrainingExampleEntity>> = [];
      const events: Array<Partial<TicketEventEntity>> = [];
      const unitNames = new Map([...units].map(([n, id]) => [id, n]));
      for (const g of todo) {
        const id = ids.get(key(g.sourceId, g.line.id));
        if (!id) continue;
        const l = g.line;
        out.imported++;
        const open = !l.closedAt;
        events.push({
          ticketId: id, type: 'imported', fromStatus: null, toStatus: importedStatus(l), actorKind: 'system', actorId: null, actorName: '历史数据导入',
          at: l.receivedAt, reason: null, data: { importFileId: record.id, line: g.lineNo },
        });
        if (l.disposition === 'dispatched') {
          const dispatchedAt = l.dispatchedAt ?? l.receivedAt;
          if (g.unitId) assignments.push({
            ticketId: id, unitId: g.unitId, role: 'lead', status: l.closedAt ? 'closed' : l.repliedAt ? 'replied' : 'active',
            dispatchedAt, acknowledgedAt: l.acknowledgedAt, returnedAt: null, returnReason: null, repliedAt: l.repliedAt,
            outcome: l.outcome, replyText: null, extensionCount: l.extensions,
          });
          const ctx = { channel: g.channel as HistoryLine['channel'] & string, urgency: l.urgency, category: l.category } as never;
          let ackDue = l.acknowledgeDueAt;
          if (!ackDue && policies) {
            try { ackDue = policies.due('acknowledge', ctx, dispatchedAt)?.dueAt ?? null; } catch { ackDue = null; }
          }
          // History deadlines are a record, not a schedule: no reminders (nextReminderAt null).
          const deadline = (stage: string, dueAt: Date, metAt: Date | null) => deadlines.push({
            ticketId: id, assignmentId: null, unitId: g.unitId, stage, startAt: dispatchedAt, dueAt, status: metAt ? 'met' : open ? 'open' : 'cancelled',
            metAt, pausedAt: null, pausedMs: 0, dueVersion: 1, nextReminderAt: null, nextLevel: null, lastLevelSent: null, warnings: null,
          });
          if (ackDue) deadline('acknowledge', ackDue, l.acknowledgedAt);
          if (l.replyDueAt) deadline('reply', l.replyDueAt, l.repliedAt);
        }
        const trainable = l.text && ((l.disposition === 'dispatched' && g.unitId) || l.disposition === 'direct_answer' || l.disposition === 'service_provided');
        if (trainable) {
          examples.push({
            ticketId: id, channel: g.channel, text: l.text, category: l.category, region: l.region,
            department: g.unitId ? unitNames.get(g.unitId) ?? null : null, urgency: l.urgency,
            disposition: l.disposition === 'dispatched' ? 'dispatch' : 'direct_answer', origin: 'history',
          });
        }
      }
      const insert = async (entity: unknown, values: unknown[]) => {
        for (let i = 0; i < values.length; i += 500) {
          await m.createQueryBuilder().insert().into(entity as never).values(values.slice(i, i + 500) as never).updateEntity(false).execute();
        }
      };
      await insert(TicketEventEntity, events);
      await insert(AssignmentEntity, assignments);
      if (deadlines.length && assignments.length) {
        // Link each deadline to its assignment (one lead assignment per imported ticket).
        const asg = await m.getRepository(AssignmentEntity).find({ select: ['id', 'ticketId'], where: { ticketId: In(assignments.map((a) => a.ticketId as number)) } });
        const byTicket = new Map(asg.map((a) => [a.ticketId, a.id]));
        for (const d of deadlines) d.assignmentId = byTicket.get(d.ticketId as number) ?? null;
      }
      await insert(DeadlineEntity, deadlines);
      if (examples.length) await m.createQueryBuilder().insert().into(TrainingExampleEntity).values(examples as never).orIgnore().updateEntity(false).execute();
    });
  };

  // Decoded as hotline exports are (BOM; strict UTF-8; else GB18030): a file saved as 'ANSI' on a Chinese
  // Windows is GBK, and read as UTF-8 its source names became new garbled sources.
  const decoder = new ExportTextDecoder('auto');
  const raw = createReadStream(file);
  const input = raw.pipe(new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      done(null, decoder.write(chunk));
    },
    flush(done) {
      done(null, decoder.end());
    },
  }));
  raw.on('error', (e) => input.destroy(e));
  const rl = createInterface({ input, crlfDelay: Infinity });
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
        opts.onProgress?.({ bytesRead, totalBytes, lines: out.lines, imported: out.imported, duplicates: out.duplicates, rejected: out.rejected });
      }
    }
    await flush();
  } catch (e) {
    await rejects.close();
    await imports.update(record.id, { status: 'failed', error: (e as Error).message.slice(0, 2000), finishedAt: new Date() });
    throw e;
  }
  await rejects.close();
  out.rejects = out.rejected ? rejectsPath : null;
  await imports.update(record.id, {
    status: 'done', rows: out.lines, imported: out.imported, duplicates: out.duplicates, rejected: out.rejected,
    rejectsPath: out.rejects, finishedAt: new Date(),
  });
  // The imported days' figures are rebuilt now rather than at the next refresh.
  if (out.imported) await refreshDailyStats(ds);
  return out;
}
