import { Injectable } from '@nestjs/common';
import { KNOWLEDGE, KnowledgeEntryEntity, UnitOfWork, UNITS } from '@hub/database';
import { endOfBound, KNOWLEDGE_STATUS_LABELS, KNOWLEDGE_STATUSES, KnowledgeStatus, parseBusinessTime } from '@hub/domain';
import { assertMayEdit } from '../../knowledge-actor';
import type { KnowledgeSheetRow } from '../../workbook/knowledge-workbook';
import { SaveKnowledgeEntryCommand, SaveKnowledgeEntryUseCase } from '../save-knowledge-entry';
import { ImportKnowledgeEntriesCommand, KnowledgeImportResult } from './import-knowledge-entries.command';

/** A row that cannot be saved: its reason, in Chinese, for the rejected-rows list. */
class RowProblem extends Error {}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Imports a knowledge workbook row by row: a row with 编号 saves the next version of that entry (or
 * nothing when it is unchanged), one without creates an entry. Each row is saved on its own with
 * the uploader's rights (a unit: its own units' entries, up to 已审核); a row that cannot be saved is
 * refused with its row number and the reason, and the others are saved.
 */
@Injectable()
export class ImportKnowledgeEntriesUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly save: SaveKnowledgeEntryUseCase,
  ) {}

  async execute(cmd: ImportKnowledgeEntriesCommand): Promise<KnowledgeImportResult> {
    const units = await this.uow.read(UNITS).listAll();
    const result: KnowledgeImportResult = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    const seen = new Map<number, number>();
    for (const r of cmd.rows) {
      try {
        const save = this.command(r, units, cmd);
        if (save.id !== undefined) {
          const first = seen.get(save.id);
          if (first !== undefined) throw new RowProblem(`编号 ${save.id} 与第 ${first} 行重复`);
          seen.set(save.id, r.row);
          const prior = await this.uow.read(KNOWLEDGE).findById(save.id);
          if (!prior) throw new RowProblem(`编号 ${save.id} 的知识条目不存在（新条目请把编号留空）`);
          assertMayEdit(cmd.editor, prior.unitId);
          if (unchanged(prior, save)) {
            result.unchanged++;
            continue;
          }
        }
        await this.save.execute(save);
        if (save.id !== undefined) result.updated++;
        else result.created++;
      } catch (e) {
        if (!(e instanceof RowProblem) && typeof (e as { code?: unknown }).code !== 'string') throw e;
        result.rejected.push({ row: r.row, reason: (e as Error).message });
      }
    }
    return result;
  }

  private command(r: KnowledgeSheetRow, units: Array<{ id: number; name: string }>, cmd: ImportKnowledgeEntriesCommand): SaveKnowledgeEntryCommand {
    const v = r.values;
    const int = (text: string | undefined, header: string) => {
      if (text === undefined) return undefined;
      if (!/^\d{1,9}$/.test(text)) throw new RowProblem(`${header}「${text}」须为正整数`);
      return Number(text);
    };
    const date = (text: string | undefined, header: string, end: boolean) => {
      if (text === undefined) return null;
      const t = parseBusinessTime(text);
      if (!t) throw new RowProblem(`${header}「${text}」不是日期（须为 YYYY-MM-DD）`);
      return end ? endOfBound(t) : t.at;
    };
    if (!v.title || v.title.length < 2) throw new RowProblem('缺少标题（至少 2 个字）');
    if (v.title.length > 200) throw new RowProblem(`标题过长（${v.title.length} 字，最多 200 字）`);
    if (!v.answer || v.answer.length < 2) throw new RowProblem('缺少答复口径（至少 2 个字）');
    let unitId: number | null | undefined;
    if (v.unit) {
      const unit = units.find((u) => u.name === v.unit);
      if (!unit) throw new RowProblem(`没有名为「${v.unit}」的单位`);
      unitId = unit.id;
    }
    let status: KnowledgeStatus | undefined;
    if (v.status) {
      status = KNOWLEDGE_STATUSES.find((s) => s === v.status || KNOWLEDGE_STATUS_LABELS[s] === v.status);
      if (!status) throw new RowProblem(`状态「${v.status}」须为 ${KNOWLEDGE_STATUSES.map((s) => KNOWLEDGE_STATUS_LABELS[s]).join('、')} 之一`);
    }
    if (v.sourceUrl && !/^https?:\/\/\S+$/i.test(v.sourceUrl)) throw new RowProblem(`政策依据链接「${v.sourceUrl}」须为 http:// 或 https:// 开头的网址`);
    const id = int(v.id, '编号');
    return {
      id,
      version: id !== undefined ? int(v.version, '版本') : undefined,
      title: v.title,
      questions: (v.questions ?? '')
        .split(/\n|；/)
        .map((q) => q.trim())
        .filter(Boolean),
      answer: v.answer,
      category: v.category ?? null,
      unitId,
      validFrom: date(v.validFrom, '有效期起', false),
      validTo: date(v.validTo, '有效期止', true),
      status,
      sourceUrl: v.sourceUrl ?? null,
      editor: cmd.editor,
    };
  }
}

/** The row says what the entry already says (an exported file imported again adds no versions). */
function unchanged(e: KnowledgeEntryEntity, c: SaveKnowledgeEntryCommand): boolean {
  return (
    e.title === c.title.trim() &&
    JSON.stringify(e.questions ?? []) === JSON.stringify([...new Set(c.questions)]) &&
    e.answer === c.answer.trim() &&
    (e.category ?? null) === (c.category || null) &&
    (c.unitId === undefined || e.unitId === c.unitId) &&
    sameTime(e.validFrom, c.validFrom ?? null) &&
    sameTime(e.validTo, c.validTo ?? null) &&
    (c.status === undefined || e.status === c.status) &&
    (e.sourceUrl ?? null) === (c.sourceUrl ?? null) &&
    (c.version === undefined || c.version === e.version)
  );
}
